package io.avrogate.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import io.avrogate.server.auth.AccessControl;
import io.avrogate.server.auth.AuthConfig;
import io.avrogate.server.auth.Operation;
import io.avrogate.server.auth.PasswordHash;
import io.avrogate.server.auth.Permission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostileClientsTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean ready = new AtomicBoolean(true);
    private HttpServer server;

    @TempDir
    Path dir;

    /** HTTP Basic with one user, ops:pw (a cheap hash: the test is about the hook, not the hash's cost). */
    private AccessControl basicAuth() throws Exception {
        Path credentials = dir.resolve("credentials");
        Files.writeString(credentials, "ops: " + PasswordHash.create("pw".toCharArray(), PasswordHash.MIN_ITERATIONS).encoded() + "\n");
        return AccessControl.create(new AuthConfig(Map.of(AuthConfig.METHOD, "BASIC",
                AuthConfig.CREDENTIALS_FILE, credentials.toString())), id -> java.util.List.of());
    }

    private static String opsCredentials() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString("ops:pw".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.builder("test", ServerSettings.parse(Map.of(ServerSettings.MAX_REQUEST_BYTES, "8192",
                        ServerSettings.BODY_TIMEOUT_MS, "3000"), "http://127.0.0.1:0", 8192))
                .readiness("store", () -> ready.get() ? ReadinessCheck.Result.ok() : ReadinessCheck.Result.notReady("behind"))
                .accessControl(basicAuth(), ctx -> ctx.path().startsWith("/secret")
                        ? Permission.service(Operation.ADMIN, "secret") : Permission.PUBLIC)
                .routes(cfg -> {
                    cfg.routes.post("/echo", ctx -> ctx.result("got " + ctx.bodyAsBytes().length));
                    cfg.routes.get("/secret", ctx -> ctx.result("secret"));
                })
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    @Test
    void abortedAndMalformedBodiesGetNo5xxAndNoStackTrace() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            for (int i = 0; i < 100; i++) {
                assertThat(RawHttp.send(server.port(), RawHttp.truncatedBody("/echo"), true)).isIn(0, 400, 408);
                assertThat(RawHttp.send(server.port(), RawHttp.badChunkSize("/echo"), false)).isEqualTo(400);
            }
            assertThat(send(HttpRequest.newBuilder(URI.create(url("/echo"))).POST(HttpRequest.BodyPublishers.ofString("{}")))
                    .body()).isEqualTo("got 2");
            assertThat(logs.withStackTrace()).isEmpty();
            assertThat(logs.atLeast(Level.WARN)).hasSizeLessThanOrEqualTo(2);
        }
    }

    @Test
    void oversizedBodiesGet413InConfluentShape() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url("/echo")))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(9000))));
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("\"error_code\":413").contains("larger than 8192 bytes");
        assertThat(answer.headers().firstValue("content-type").orElse("")).isEqualTo(ErrorBody.CONTENT_TYPE);
    }

    @Test
    void aBodyNotSentInTimeIsAnswered408() throws Exception {
        long start = System.nanoTime();
        assertThat(RawHttp.send(server.port(), RawHttp.truncatedBody("/echo"), false)).isEqualTo(408);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(9));
    }

    @Test
    void jettyErrorsAreJson() throws Exception {
        int status = RawHttp.send(server.port(), "GET /echo HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "y".repeat(20_000) + "\r\n\r\n", false);
        assertThat(status).isEqualTo(431);
        HttpResponse<String> notFound = send(HttpRequest.newBuilder(URI.create(url("/nothing"))));
        assertThat(notFound.statusCode()).isEqualTo(404);
    }

    @Test
    void healthMetricsAndTheAccessControlHook() throws Exception {
        assertThat(send(HttpRequest.newBuilder(URI.create(url("/health/live")))).statusCode()).isEqualTo(200);
        HttpResponse<String> readyNow = send(HttpRequest.newBuilder(URI.create(url("/health/ready"))));
        assertThat(readyNow.statusCode()).isEqualTo(200);
        assertThat(readyNow.body()).contains("\"store\":{\"status\":\"UP\"}");
        ready.set(false);
        HttpResponse<String> notReady = send(HttpRequest.newBuilder(URI.create(url("/health/ready"))));
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).contains("\"reason\":\"behind\"");

        HttpResponse<String> secret = send(HttpRequest.newBuilder(URI.create(url("/secret"))));
        assertThat(secret.statusCode()).isEqualTo(401);
        assertThat(secret.body()).contains("\"error_code\":40101");
        assertThat(send(HttpRequest.newBuilder(URI.create(url("/secret"))).header("Authorization", opsCredentials()))
                .body()).isEqualTo("secret");
        assertThat(send(HttpRequest.newBuilder(URI.create(url("/metrics")))).statusCode()).isEqualTo(401);

        String metrics = send(HttpRequest.newBuilder(URI.create(url("/metrics"))).header("Authorization", opsCredentials())).body();
        assertThat(metrics).contains("jvm_memory_used_bytes").contains("process_uptime_seconds")
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/health/ready\",status=\"503\"} 1");
    }

    @Test
    void oneAddressCannotHoldEveryConnection() throws Exception {
        try (HttpServer limited = HttpServer.builder("limited", ServerSettings.parse(
                Map.of(ServerSettings.MAX_CONNECTIONS_PER_ADDRESS, "5"), "http://127.0.0.1:0", 8192)).start()) {
            java.util.List<java.net.Socket> held = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) held.add(new java.net.Socket("127.0.0.1", limited.port()));
                Thread.sleep(300);
                assertThat(RawHttp.send(limited.port(), "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n", false)).isZero();
            } finally {
                for (java.net.Socket socket : held) socket.close();
            }
            int status = 0;
            for (int attempt = 0; attempt < 20 && status == 0; attempt++) {
                Thread.sleep(100); // the server notices the closed connections asynchronously
                status = RawHttp.send(limited.port(), "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n", false);
            }
            assertThat(status).isEqualTo(200);
        }
    }

    @Test
    void slowClientsDoNotStarveOthers() throws Exception {
        assertNormalClientServed(400, Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    @Test
    @Tag("slow")
    void slowClientsDoNotStarveOthersForAMinute() throws Exception {
        assertNormalClientServed(400, Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    private void assertNormalClientServed(int connections, Duration interval, Duration duration) throws Exception {
        try (HttpServer target = HttpServer.builder("target", ServerSettings.parse(Map.of(
                        ServerSettings.MAX_CONNECTIONS_PER_ADDRESS, "1000"), "http://127.0.0.1:0", 8192))
                .routes(cfg -> cfg.routes.post("/echo", ctx -> ctx.result("got " + ctx.bodyAsBytes().length))).start()) {
            HttpRequest normal = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + "/echo"))
                    .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            SlowClientLoad.Result result = SlowClientLoad.run(target.port(), "/echo", connections, interval, duration,
                    () -> HTTP.send(normal, HttpResponse.BodyHandlers.ofString()).statusCode());
            assertThat(result.failures()).isZero();
            assertThat(result.requests()).isGreaterThan(10);
            assertThat(result.p99Millis()).isLessThan(1000);
        }
    }
}
