package io.avrogate.server.auth;

import static io.avrogate.server.auth.TestApp.settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mTLS over a real TLS listener (certificates made here with the JDK's keytool): the client certificate's subject,
 * mapped by Kafka's rules, is the principal, alone or as the fallback when a request has no Authorization header.
 */
class MutualTlsTest {
    private static final String PASSWORD = "changeit";
    @TempDir
    static Path dir;
    static Path serverStore;
    static Path serverTrust;
    static SSLContext withCertificate;
    static SSLContext withoutCertificate;

    @BeforeAll
    static void certificates() throws Exception {
        serverStore = dir.resolve("server.p12");
        Path serverCert = dir.resolve("server.crt");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost", "-storetype", "PKCS12", "-keystore", serverStore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "server", "-keystore", serverStore.toString(), "-storepass", PASSWORD,
                "-file", serverCert.toString());
        Path clientTrust = dir.resolve("client-trust.p12");
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", serverCert.toString(), "-storetype", "PKCS12",
                "-keystore", clientTrust.toString(), "-storepass", PASSWORD);
        Path clientStore = dir.resolve("client.p12");
        Path clientCert = dir.resolve("client.crt");
        keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-validity", "2",
                "-dname", "CN=ingest-service,OU=services,O=avrogate", "-storetype", "PKCS12",
                "-keystore", clientStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "client", "-keystore", clientStore.toString(), "-storepass", PASSWORD,
                "-file", clientCert.toString());
        serverTrust = dir.resolve("server-trust.p12");
        keytool("-importcert", "-noprompt", "-alias", "client", "-file", clientCert.toString(), "-storetype", "PKCS12",
                "-keystore", serverTrust.toString(), "-storepass", PASSWORD);

        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(clientTrust));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(clientStore), PASSWORD.toCharArray());
        withCertificate = SSLContext.getInstance("TLS");
        withCertificate.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        withoutCertificate = SSLContext.getInstance("TLS");
        withoutCertificate.init(null, tmf.getTrustManagers(), null);
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IllegalStateException("keytool failed: " + output);
    }

    /** The test app with an extra TLS connector that asks for (but does not require) a client certificate. */
    private static TestApp[] startTls(AccessControl access) {
        TestApp[] apps = new TestApp[2];
        for (int i = 0; i < 2; i++) {
            SSLContext client = i == 0 ? withCertificate : withoutCertificate;
            apps[i] = TestApp.start(access, cfg -> cfg.jetty.addConnector((server, http) -> {
                SslContextFactory.Server ssl = new SslContextFactory.Server();
                ssl.setKeyStorePath(serverStore.toString());
                ssl.setKeyStorePassword(PASSWORD);
                ssl.setTrustStorePath(serverTrust.toString());
                ssl.setTrustStorePassword(PASSWORD);
                ssl.setWantClientAuth(true);
                HttpConfiguration https = new HttpConfiguration(http);
                https.addCustomizer(new SecureRequestCustomizer());
                ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                        new HttpConnectionFactory(https));
                connector.setHost("127.0.0.1");
                connector.setPort(0);
                return connector;
            }), HttpClient.newBuilder().sslContext(client).build(), "https");
        }
        return apps;
    }

    private static int tlsPort(TestApp app) {
        for (var connector : app.app.jettyServer().server().getConnectors()) {
            if (connector.getConnectionFactory(SslConnectionFactory.class) != null) return ((ServerConnector) connector).getLocalPort();
        }
        throw new IllegalStateException("no TLS connector");
    }

    @Test
    void theCertificateSubjectIsThePrincipalWhenNoAuthorizationHeaderIsSent() throws Exception {
        Path users = TestApp.credentials(dir.resolve("users"), Map.of("alice", List.of("admins")));
        AccessControl access = TestApp.accessControl(settings(AuthConfig.METHOD, "BASIC",
                AuthConfig.CREDENTIALS_FILE, users.toString(), AuthConfig.MTLS_ENABLED, "true",
                AuthConfig.PRINCIPAL_MAPPING_RULES, "RULE:^CN=([^,]+),OU=services.*$/$1/,DEFAULT"));
        TestApp[] apps = startTls(access);
        try {
            TestApp certified = apps[0];
            TestApp anonymous = apps[1];
            assertThat(certified.send("GET", "/whoami", null, tlsPort(certified)).body()).isEqualTo("ingest-service []");
            // An Authorization header takes precedence; a bad one is not rescued by the certificate.
            assertThat(certified.send("GET", "/whoami", TestApp.basic("alice", TestApp.passwordOf("alice")), tlsPort(certified))
                    .body()).isEqualTo("alice [admins]");
            assertThat(certified.send("GET", "/whoami", TestApp.basic("alice", "wrong"), tlsPort(certified)).status()).isEqualTo(401);
            assertThat(anonymous.send("GET", "/whoami", null, tlsPort(anonymous)).status()).isEqualTo(401);
        } finally {
            apps[0].app.stop();
            apps[1].close();
        }
    }

    @Test
    void certificatesAloneWithAnAcl() throws Exception {
        Path acl = dir.resolve("acl.yaml");
        Files.writeString(acl, """
                grants:
                  - principals: ["CN=ingest-service,OU=services,O=avrogate"]
                    subjects: ["orders-*"]
                    operations: [WRITE]
                """);
        AccessControl access = TestApp.accessControl(settings(AuthConfig.MTLS_ENABLED, "true",
                AuthConfig.ACL_FILE, acl.toString()));
        TestApp[] apps = startTls(access);
        try {
            assertThat(apps[0].send("POST", "/subjects/orders-value/versions", null, tlsPort(apps[0])).status()).isEqualTo(200);
            assertThat(apps[0].send("POST", "/subjects/payments-value/versions", null, tlsPort(apps[0])).status()).isEqualTo(403);
            assertThat(apps[1].send("POST", "/subjects/orders-value/versions", null, tlsPort(apps[1])).status()).isEqualTo(403);
        } finally {
            apps[0].app.stop();
            apps[1].close();
        }
    }
}
