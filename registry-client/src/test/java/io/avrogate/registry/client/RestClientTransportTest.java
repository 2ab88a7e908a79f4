package io.avrogate.registry.client;

import static io.avrogate.registry.client.RestSchemaRegistryClientTest.V1;
import static io.avrogate.registry.client.RestSchemaRegistryClientTest.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.registry.RegistryExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Failover, retries, headers and authentication, seen by a forwarding proxy in front of the real registry. */
@ExtendWith(RegistryExtension.class)
class RestClientTransportTest {
    private RegistryServer registry;
    private ForwardingProxy proxy;
    private String subject;

    @BeforeEach
    void setUp(RegistryServer registry) throws Exception {
        this.registry = registry;
        proxy = ForwardingProxy.http(registry.url());
        subject = "transport-" + UUID.randomUUID() + "-value";
    }

    @AfterEach
    void tearDown() {
        proxy.close();
    }

    private static SchemaRegistryClient client(String urls, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put("schema.registry.url", urls);
        config.putIfAbsent("retries.wait.ms", "5");
        return SchemaRegistryClients.create(config);
    }

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void sendsConfluentsContentTypeAcceptAndExtraHeaders() {
        SchemaRegistryClient client = client(proxy.url(), Map.of("request.header.X-Team", "payments"));
        client.register(subject, V1, false);
        ForwardingProxy.Seen post = proxy.seen().get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.uri()).isEqualTo("/subjects/" + subject + "/versions");
        assertThat(post.header("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(post.header("Accept")).contains("application/vnd.schemaregistry.v1+json",
                "application/vnd.schemaregistry+json", "application/json");
        assertThat(post.header("X-Team")).isEqualTo("payments");
        assertThat(post.header("Authorization")).isNull();
    }

    @Test
    void basicAuthFromTheUrl() {
        String url = proxy.url().replace("http://", "http://alice:s3cr%3At@");
        client(url, Map.of()).subjects();
        assertThat(proxy.seen().get(0).header("Authorization")).isEqualTo(basic("alice:s3cr:t"));
    }

    @Test
    void basicAuthFromUserInfo() {
        client(proxy.url(), Map.of("basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "bob:pw"))
                .subjects();
        assertThat(proxy.seen().get(0).header("Authorization")).isEqualTo(basic("bob:pw"));
    }

    @Test
    void staticBearerToken() {
        client(proxy.url(), Map.of("bearer.auth.token", "tok-123")).subjects();
        assertThat(proxy.seen().get(0).header("Authorization")).isEqualTo("Bearer tok-123");
    }

    @Test
    void goesThroughTheConfiguredHttpProxy() {
        // The registry's host name does not resolve: only the proxy can reach it.
        SchemaRegistryClient client = client("http://registry.invalid:8081", Map.of("proxy.host", "127.0.0.1",
                "proxy.port", String.valueOf(proxy.port()), "max.retries", "0"));
        client.register(subject, V1, false);
        assertThat(proxy.seen()).hasSize(1);
        assertThat(proxy.seen().get(0).uri()).isEqualTo("http://registry.invalid:8081/subjects/" + subject + "/versions");
    }

    @Test
    void failsOverToTheNextUrlAndRemembersTheOneThatAnswered() throws Exception {
        ForwardingProxy first = ForwardingProxy.http(registry.url());
        int firstPort = first.port();
        first.close();
        SchemaRegistryClient client = client(first.url() + "," + proxy.url(), Map.of("max.retries", "0"));
        int id = client.register(subject, V1, false);
        assertThat(proxy.count()).isEqualTo(1);

        // The first URL is back, but the client keeps using the one that answered last.
        try (ForwardingProxy revived = ForwardingProxy.http(registry.url(), firstPort)) {
            assertThat(client.lookup(subject, V1, false).id()).isEqualTo(id);
            assertThat(revived.count()).isZero();
            assertThat(proxy.count()).isEqualTo(2);
        }
    }

    @Test
    void anHttpErrorAnswerIsNotFailedOver() throws Exception {
        try (ForwardingProxy second = ForwardingProxy.http(registry.url())) {
            SchemaRegistryClient client = client(proxy.url() + "," + second.url(), Map.of());
            assertThat(error(() -> client.lookup(subject, V1, false)).errorCode()).isEqualTo(40401);
            assertThat(proxy.count()).as("a 404 is not retried either").isEqualTo(1);
            assertThat(second.count()).isZero();
        }
    }

    @Test
    void noReachableUrlIsAClearError() throws Exception {
        String urls = "http://127.0.0.1:" + closedPort() + ",http://127.0.0.1:" + closedPort();
        RegistryClientException e = error(() -> client(urls, Map.of("max.retries", "1")).subjects());
        assertThat(e.status()).isEqualTo(RegistryClientException.UNREACHABLE);
        assertThat(e.getMessage()).contains("no schema registry reachable").contains(urls.split(",")[0]);
    }

    @Test
    void retriesTransientFailuresThenSucceeds() {
        proxy.failNext(2, 503, "<html>busy</html>");
        SchemaRegistryClient client = client(proxy.url(), Map.of("max.retries", "3"));
        assertThat(client.register(subject, V1, false)).isPositive();
        assertThat(proxy.count()).isEqualTo(3);

        proxy.reset();
        proxy.failNext(1, 429, "slow down");
        assertThat(client.subjects()).contains(subject);
        assertThat(proxy.count()).isEqualTo(2);
    }

    @Test
    void givesUpAfterMaxRetriesWithTheLastAnswer() {
        proxy.failNext(10, 500, "<html><body>oops</body></html>");
        RegistryClientException e = error(() -> client(proxy.url(), Map.of("max.retries", "2")).subjects());
        assertThat(proxy.count()).isEqualTo(3);
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.getMessage()).contains("HTTP 500").contains("oops");
    }

    @Test
    void parsesConfluentErrorBodiesOfServerErrors() {
        proxy.failNext(1, 500, "{\"error_code\":50003,\"message\":\"Error while forwarding register schema request to the leader\"}");
        RegistryClientException e = error(() -> client(proxy.url(), Map.of("max.retries", "0")).register(subject, V1, false));
        assertThat(e.errorCode()).isEqualTo(50003);
        assertThat(e.getMessage()).contains("forwarding");
    }

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }
}
