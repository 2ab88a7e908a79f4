package io.avrogate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The pipeline against an {@code https://} registry that requires a client certificate
 * ({@code ssl.client.authentication=REQUIRED}) and takes its subject as the principal; clients present one through
 * {@code schema.registry.ssl.keystore.*}. The wrong credentials are a certificate with the right name that the
 * registry does not trust. Key material is made with keytool at test time.
 */
class MutualTlsEndToEndTest extends SecuredEndToEndTest {
    private final String password = "ks-" + UUID.randomUUID();
    private Path clientKeys;
    private Path impostorKeys;
    private Path clientTrust;

    @Override
    Map<String, String> securitySettings() throws Exception {
        Path serverKeys = dir.resolve("server.p12");
        Path serverTrust = dir.resolve("server-trust.p12");
        clientKeys = dir.resolve("client.p12");
        impostorKeys = dir.resolve("impostor.p12");
        clientTrust = dir.resolve("client-trust.p12");
        Keytool.keypair(serverKeys, "server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1", password, 2);
        Keytool.keypair(clientKeys, "client", "CN=" + PRINCIPAL, null, password, 2);
        Keytool.keypair(impostorKeys, "client", "CN=" + PRINCIPAL, null, password, 2);
        Keytool.exportCertificate(serverKeys, "server", password, dir.resolve("server.crt"));
        Keytool.exportCertificate(clientKeys, "client", password, dir.resolve("client.crt"));
        Keytool.trust(clientTrust, "server", dir.resolve("server.crt"), password);
        Keytool.trust(serverTrust, "client", dir.resolve("client.crt"), password);
        return Map.of("listeners", "https://127.0.0.1:0",
                "ssl.keystore.location", serverKeys.toString(), "ssl.keystore.password", password,
                "ssl.truststore.location", serverTrust.toString(), "ssl.truststore.password", password,
                "ssl.client.authentication", "REQUIRED",
                "avrogate.authentication.mtls.enabled", "true",
                "ssl.principal.mapping.rules", "RULE:^CN=([^,]+)$/$1/,DEFAULT");
    }

    private Map<String, String> client(Path keys) {
        return Map.of("schema.registry.ssl.keystore.location", keys.toString(),
                "schema.registry.ssl.keystore.password", password,
                "schema.registry.ssl.keystore.type", "PKCS12",
                "schema.registry.ssl.truststore.location", clientTrust.toString(),
                "schema.registry.ssl.truststore.password", password,
                "schema.registry.ssl.truststore.type", "PKCS12",
                // A refused handshake is an I/O error, which the client retries with backoff; once is enough here.
                "max.retries", "0");
    }

    @Override
    Map<String, String> rightClient() {
        return client(clientKeys);
    }

    @Override
    Map<String, String> wrongClient() {
        return client(impostorKeys);
    }

    @Override
    String refusal() {
        return "certificate";
    }

    @Override
    List<String> secrets() {
        return List.of(password);
    }
}
