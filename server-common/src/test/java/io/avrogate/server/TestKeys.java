package io.avrogate.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Key material made at test time with the JDK's keytool: a server key store (CN=localhost, SAN localhost and
 * 127.0.0.1), a client key store, and trust stores holding the other side's certificate. Shared through the test jar:
 * the services' tests run their listeners over TLS with it.
 */
public final class TestKeys {
    public static final String PASSWORD = "test-secret";
    public final Path serverKeys;
    public final Path serverTrust;
    public final Path clientKeys;
    public final Path clientTrust;

    private TestKeys(Path dir) {
        serverKeys = dir.resolve("server.p12");
        serverTrust = dir.resolve("server-trust.p12");
        clientKeys = dir.resolve("client.p12");
        clientTrust = dir.resolve("client-trust.p12");
    }

    public static TestKeys create(Path dir) throws Exception {
        TestKeys keys = new TestKeys(dir);
        keypair(keys.serverKeys, "server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
        keypair(keys.clientKeys, "client", "CN=test-client", null);
        Path serverCert = dir.resolve("server.crt");
        Path clientCert = dir.resolve("client.crt");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keys.serverKeys.toString(), "-storepass",
                PASSWORD, "-file", serverCert.toString());
        keytool("-exportcert", "-rfc", "-alias", "client", "-keystore", keys.clientKeys.toString(), "-storepass",
                PASSWORD, "-file", clientCert.toString());
        importCert(keys.clientTrust, "server", serverCert);
        importCert(keys.serverTrust, "client", clientCert);
        return keys;
    }

    /** A client context trusting the server's certificate, presenting the client certificate when asked to. */
    public SSLContext clientContext(boolean withCertificate) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(clientTrust));
        KeyManagerFactory keys = null;
        if (withCertificate) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(clientKeys), PASSWORD.toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    /** The listener settings of an {@code https://} listener on a free loopback port with the server key store. */
    public java.util.Map<String, Object> httpsListener() {
        return java.util.Map.of(ServerSettings.LISTENERS, "https://127.0.0.1:0",
                ServerSettings.SSL_KEYSTORE_LOCATION, serverKeys.toString(), ServerSettings.SSL_KEYSTORE_PASSWORD, PASSWORD);
    }

    private static void keypair(Path store, String alias, String dname, String san) throws Exception {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", dname, "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (san != null) args.addAll(List.of("-ext", san));
        keytool(args.toArray(String[]::new));
    }

    private static void importCert(Path store, String alias, Path cert) throws Exception {
        keytool("-importcert", "-noprompt", "-alias", alias, "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
