package io.avrogate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsListenerTest {
    @TempDir
    static Path dir;
    static TestKeys keys;

    @BeforeAll
    static void makeKeys() throws Exception {
        keys = TestKeys.create(dir);
    }

    private static Map<String, Object> tls(String clientAuth) {
        Map<String, Object> props = new HashMap<>();
        props.put(ServerSettings.LISTENERS, "https://127.0.0.1:0");
        props.put(ServerSettings.SSL_KEYSTORE_LOCATION, keys.serverKeys.toString());
        props.put(ServerSettings.SSL_KEYSTORE_PASSWORD, TestKeys.PASSWORD);
        props.put(ServerSettings.SSL_TRUSTSTORE_LOCATION, keys.serverTrust.toString());
        props.put(ServerSettings.SSL_TRUSTSTORE_PASSWORD, TestKeys.PASSWORD);
        props.put(ServerSettings.SSL_CLIENT_AUTHENTICATION, clientAuth);
        return props;
    }

    private static HttpServer start(Map<String, Object> props) {
        return HttpServer.builder("test", ServerSettings.parse(props, "http://127.0.0.1:0", 1 << 20))
                .routes(cfg -> cfg.routes.get("/hello", ctx -> ctx.result("hello"))).start();
    }

    private static HttpResponse<String> get(javax.net.ssl.SSLContext context, String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void httpsListenerServesTlsAndRefusesPlainHttp() throws Exception {
        try (HttpServer server = start(tls("NONE"))) {
            assertThat(server.urls()).containsExactly("https://127.0.0.1:" + server.port());
            HttpResponse<String> hello = get(keys.clientContext(false), server.urls().get(0) + "/hello");
            assertThat(hello.statusCode()).isEqualTo(200);
            assertThat(hello.body()).isEqualTo("hello");

            try (Socket plain = new Socket("127.0.0.1", server.port())) {
                plain.setSoTimeout(5000);
                OutputStream out = plain.getOutputStream();
                out.write("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = plain.getInputStream();
                byte[] answer = in.readNBytes(64);
                assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.1").doesNotContain("hello");
            } catch (java.net.SocketException closed) {
                // the listener dropped the plain-text connection: refused, as it should be
            }
        }
    }

    @Test
    void negotiatesTls12AndTls13AndNothingOlder() throws Exception {
        try (HttpServer server = start(tls("NONE"))) {
            for (String protocol : new String[] {"TLSv1.2", "TLSv1.3"}) {
                try (SSLSocket socket = (SSLSocket) keys.clientContext(false).getSocketFactory()
                        .createSocket("127.0.0.1", server.port())) {
                    socket.setEnabledProtocols(new String[] {protocol});
                    socket.startHandshake();
                    assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
                }
            }
            assertThatThrownBy(() -> {
                try (SSLSocket socket = (SSLSocket) keys.clientContext(false).getSocketFactory()
                        .createSocket("127.0.0.1", server.port())) {
                    socket.setEnabledProtocols(new String[] {"TLSv1.1"});
                    socket.startHandshake();
                }
            }).isInstanceOf(SSLException.class);
        }
        Map<String, Object> props = tls("NONE");
        props.put(ServerSettings.SSL_ENABLED_PROTOCOLS, "TLSv1.2,TLSv1.1");
        assertThatThrownBy(() -> start(props)).isInstanceOf(ConfigException.class).hasMessageContaining("TLSv1.1");
    }

    @Test
    void requiredClientCertificateRefusesAClientWithoutOne() throws Exception {
        try (HttpServer server = start(tls("REQUIRED"))) {
            String url = server.urls().get(0) + "/hello";
            assertThat(get(keys.clientContext(true), url).statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> get(keys.clientContext(false), url)).isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void unsupportedSchemeOrMissingKeyStoreStopsStartup() {
        assertThatThrownBy(() -> start(Map.of(ServerSettings.LISTENERS, "ftp://127.0.0.1:0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unsupported scheme 'ftp'").hasMessageContaining("https://host:port");
        assertThatThrownBy(() -> start(Map.of(ServerSettings.LISTENERS, "https://127.0.0.1:0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(ServerSettings.SSL_KEYSTORE_LOCATION);
    }
}
