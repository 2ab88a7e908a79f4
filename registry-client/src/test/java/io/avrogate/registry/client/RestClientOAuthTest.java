package io.avrogate.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.registry.RegistryExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code bearer.auth.credentials.source=OAUTHBEARER} and {@code basic.auth.credentials.source=SASL_INHERIT}: the
 * token comes from a real OAuth token endpoint (a small server in this test that implements the client-credentials
 * grant), and what reaches the registry is seen by a forwarding proxy in front of the real registry.
 */
@ExtendWith(RegistryExtension.class)
class RestClientOAuthTest {
    private static final String CLIENT_ID = "ingest-service";
    private static final String CLIENT_SECRET = "s3cret-never-logged";

    private ForwardingProxy proxy;
    private HttpServer issuer;
    private final AtomicInteger issued = new AtomicInteger();
    private final List<String> grantRequests = new CopyOnWriteArrayList<>();
    private volatile long expiresIn = 3600;

    @BeforeEach
    void setUp(RegistryServer registry) throws IOException {
        proxy = ForwardingProxy.http(registry.url());
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer.createContext("/oauth/token", this::token);
        issuer.start();
    }

    @AfterEach
    void tearDown() {
        proxy.close();
        issuer.stop(0);
    }

    /** The client-credentials grant: client_secret_basic authentication, a form body, a JSON answer. */
    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            grantRequests.add(URLDecoder.decode(form, StandardCharsets.UTF_8));
            String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                    .getBytes(StandardCharsets.UTF_8));
            boolean ok = "POST".equals(exchange.getRequestMethod())
                    && expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                    && form.contains("grant_type=client_credentials");
            byte[] body = (ok ? "{\"access_token\":\"tok-" + issued.incrementAndGet() + "\",\"token_type\":\"Bearer\","
                    + "\"expires_in\":" + expiresIn + "}" : "{\"error\":\"invalid_client\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private SchemaRegistryClient client(String secret) {
        Map<String, Object> config = new HashMap<>();
        config.put("schema.registry.url", proxy.url());
        config.put("bearer.auth.credentials.source", "OAUTHBEARER");
        config.put("bearer.auth.issuer.endpoint.url", "http://127.0.0.1:" + issuer.getAddress().getPort() + "/oauth/token");
        config.put("bearer.auth.client.id", CLIENT_ID);
        config.put("bearer.auth.client.secret", secret);
        config.put("bearer.auth.scope", "registry.read registry.write");
        config.put("max.retries", "0");
        return SchemaRegistryClients.create(config);
    }

    private List<String> authorizations() {
        return proxy.seen().stream().map(s -> s.header("Authorization")).toList();
    }

    @Test
    void fetchesOneTokenByClientCredentialsAndReusesItUntilItExpires() {
        SchemaRegistryClient client = client(CLIENT_SECRET);
        for (int i = 0; i < 5; i++) client.subjects();

        assertThat(issued.get()).isEqualTo(1);
        assertThat(grantRequests.get(0)).contains("grant_type=client_credentials", "scope=registry.read registry.write");
        assertThat(authorizations()).hasSize(5).containsOnly("Bearer tok-1");
    }

    @Test
    void replacesAShortLivedTokenBeforeItExpires() throws InterruptedException {
        expiresIn = 1; // refreshed at the latest half-way through its life
        SchemaRegistryClient client = client(CLIENT_SECRET);
        client.subjects();
        Thread.sleep(700);
        client.subjects();

        assertThat(authorizations()).containsExactly("Bearer tok-1", "Bearer tok-2");
    }

    @Test
    void aTokenTheRegistryRejectsIsReplacedOnceAndTheRequestRepeated() {
        SchemaRegistryClient client = client(CLIENT_SECRET);
        client.subjects();
        proxy.failNext(1, 401, "{\"error_code\":40101,\"message\":\"token revoked\"}");
        client.subjects();

        assertThat(authorizations()).containsExactly("Bearer tok-1", "Bearer tok-1", "Bearer tok-2");
    }

    @Test
    void refusedClientCredentialsAreNamedWithoutTheSecret() {
        SchemaRegistryClient client = client("wrong-secret-value");
        assertThatThrownBy(client::subjects)
                .isInstanceOf(RegistryClientException.class)
                .hasMessageContaining("/oauth/token")
                .hasMessageContaining("bearer.auth.client.secret")
                .hasMessageNotContaining("wrong-secret-value");
        assertThat(proxy.seen()).isEmpty();
    }

    @Test
    void saslInheritSendsTheKafkaClientsUsernameAndPassword() {
        Map<String, Object> config = new HashMap<>();
        config.put("schema.registry.url", proxy.url());
        config.put("basic.auth.credentials.source", "SASL_INHERIT");
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"svc-orders\" password=\"pa:ss\";");
        SchemaRegistryClients.create(config).subjects();

        assertThat(authorizations()).containsExactly("Basic " + Base64.getEncoder().encodeToString(
                "svc-orders:pa:ss".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void saslInheritWithoutJaasCredentialsIsAConfigurationError() {
        Map<String, Object> config = Map.of("schema.registry.url", proxy.url(), "basic.auth.credentials.source",
                "SASL_INHERIT");
        assertThatThrownBy(() -> SchemaRegistryClients.create(config).subjects())
                .hasMessageContaining("sasl.jaas.config");
    }
}
