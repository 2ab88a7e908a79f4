package io.avrogate.registry.client;

import static io.avrogate.registry.client.RestSchemaRegistryClientTest.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.registry.RegistryExtension;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS through the {@code schema.registry.ssl.*} settings: an HTTPS proxy in front of the real registry presents a
 * self-signed certificate generated here with the JDK's keytool, for the host name {@code registry.test} (so that the
 * host-name check, which would see "localhost", can be shown both on and off).
 */
@ExtendWith(RegistryExtension.class)
class RestClientTlsTest {
    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    private static Path serverStore;
    private static Path trustStore;
    private static ForwardingProxy https;
    /** Requires a client certificate: the one in {@code client.jks}, whose key has its own password. */
    private static ForwardingProxy mutual;
    private static Path clientStore;
    private static final String KEY_PASSWORD = "keypass";

    @BeforeAll
    static void startHttpsProxy(RegistryServer registry) throws Exception {
        serverStore = dir.resolve("server.p12");
        trustStore = dir.resolve("trust.jks");
        Path cert = dir.resolve("server.crt");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=registry.test", "-ext", "SAN=dns:registry.test",
                "-storetype", "PKCS12", "-keystore", serverStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "server", "-keystore", serverStore.toString(), "-storepass", PASSWORD,
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", cert.toString(), "-storetype", "JKS",
                "-keystore", trustStore.toString(), "-storepass", PASSWORD);

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        https = ForwardingProxy.https(registry.url(), server, false);

        clientStore = dir.resolve("client.jks");
        Path clientCert = dir.resolve("client.crt");
        Path serverTrust = dir.resolve("server-trust.p12");
        keytool("-genkeypair", "-alias", "client", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=avrogate-client", "-storetype", "JKS", "-keystore", clientStore.toString(),
                "-storepass", PASSWORD, "-keypass", KEY_PASSWORD);
        keytool("-exportcert", "-alias", "client", "-keystore", clientStore.toString(), "-storepass", PASSWORD,
                "-file", clientCert.toString());
        keytool("-importcert", "-noprompt", "-alias", "client", "-file", clientCert.toString(), "-storetype", "PKCS12",
                "-keystore", serverTrust.toString(), "-storepass", PASSWORD);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverTrust)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext mutualServer = SSLContext.getInstance("TLS");
        mutualServer.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        mutual = ForwardingProxy.https(registry.url(), mutualServer, true);
    }

    @AfterAll
    static void stop() {
        if (https != null) https.close();
        if (mutual != null) mutual.close();
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IllegalStateException("keytool failed: " + output);
    }

    private static SchemaRegistryClient client(Map<String, Object> extra) {
        return client(https, extra);
    }

    private static SchemaRegistryClient client(ForwardingProxy proxy, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put("schema.registry.url", proxy.url());
        config.put("max.retries", "0");
        return SchemaRegistryClients.create(config);
    }

    @Test
    void trustsTheConfiguredTrustStoreAndCanSkipTheHostCheck() {
        SchemaRegistryClient client = client(Map.of(
                "schema.registry.ssl.truststore.location", trustStore.toString(),
                "schema.registry.ssl.truststore.password", PASSWORD,
                "schema.registry.ssl.truststore.type", "JKS",
                "schema.registry.ssl.endpoint.identification.algorithm", ""));
        assertThat(client.subjects()).isNotNull();
        assertThat(https.seen()).isNotEmpty();
    }

    @Test
    void checksTheHostNameByDefault() {
        SchemaRegistryClient client = client(Map.of(
                "schema.registry.ssl.truststore.location", trustStore.toString(),
                "schema.registry.ssl.truststore.password", PASSWORD));
        RegistryClientException e = error(client::subjects);
        assertThat(e.status()).isEqualTo(RegistryClientException.UNREACHABLE);
        assertThat(e.getMessage()).contains("no schema registry reachable");
        assertThat(e.isRefused()).isTrue();
    }

    @Test
    void refusesAnUntrustedCertificate() {
        SchemaRegistryClient client = client(Map.of("schema.registry.ssl.endpoint.identification.algorithm", ""));
        RegistryClientException e = error(client::subjects);
        assertThat(e.status()).isEqualTo(RegistryClientException.UNREACHABLE);
        assertThat(e.isRefused()).isTrue();
        assertThat(e.getMessage()).doesNotContain("\n").contains("check schema.registry.ssl.*");
    }

    @Test
    void aRefusedCertificateIsNotRetriedLikeAnOutage() {
        // The registry's certificate is not in the default trust: a PKIX failure, found by this client itself.
        Map<String, Object> config = new HashMap<>(Map.of("schema.registry.url", https.url(),
                "schema.registry.ssl.endpoint.identification.algorithm", "",
                "max.retries", "3", "retries.wait.ms", "5000"));
        long start = System.nanoTime();
        RegistryClientException e = error(SchemaRegistryClients.create(config)::subjects);
        assertThat(e.isRefused()).as(e.getMessage()).isTrue();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(5));
    }

    @Test
    void aPkcs12TrustStoreWorksToo() {
        // The server's own PKCS12 store holds its certificate, which is enough to trust it.
        SchemaRegistryClient client = client(Map.of(
                "schema.registry.ssl.truststore.location", serverStore.toString(),
                "schema.registry.ssl.truststore.password", PASSWORD,
                "schema.registry.ssl.truststore.type", "PKCS12",
                "schema.registry.ssl.endpoint.identification.algorithm", ""));
        assertThat(client.subjects()).isNotNull();
    }

    @Test
    void presentsTheClientCertificateFromTheKeyStore() {
        Map<String, Object> trust = Map.of(
                "schema.registry.ssl.truststore.location", trustStore.toString(),
                "schema.registry.ssl.truststore.password", PASSWORD,
                "schema.registry.ssl.endpoint.identification.algorithm", "");
        assertThat(error(client(mutual, trust)::subjects).status()).as("no certificate, no entry")
                .isEqualTo(RegistryClientException.UNREACHABLE);

        Map<String, Object> withKey = new HashMap<>(trust);
        withKey.put("schema.registry.ssl.keystore.location", clientStore.toString());
        withKey.put("schema.registry.ssl.keystore.password", PASSWORD);
        withKey.put("schema.registry.ssl.keystore.type", "JKS");
        withKey.put("schema.registry.ssl.key.password", KEY_PASSWORD);
        assertThat(client(mutual, withKey).subjects()).isNotNull();
        assertThat(mutual.seen()).isNotEmpty();
    }

    @Test
    void aMissingStoreIsAConfigError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client(Map.of(
                        "schema.registry.ssl.truststore.location", dir.resolve("nope.jks").toString())))
                .isInstanceOf(org.apache.kafka.common.config.ConfigException.class)
                .hasMessageContaining("schema.registry.ssl.truststore.location");
    }
}
