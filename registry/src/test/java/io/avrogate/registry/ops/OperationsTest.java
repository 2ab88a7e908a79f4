package io.avrogate.registry.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.avrogate.registry.RegistryServer;
import io.avrogate.registry.TestHttp;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.KafkaExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** The operations side of a real server on a real broker: /metrics, /health, the access log, graceful shutdown. */
@ExtendWith(KafkaExtension.class)
class OperationsTest {
    private static RegistryServer server;
    private static TestHttp http;

    @BeforeAll
    static void start(EmbeddedKafka kafka) {
        server = RegistryServer.start(config(kafka.bootstrapServers(), "_schemas-ops-" + UUID.randomUUID()));
        http = new TestHttp(server.url());
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    static Map<String, Object> config(String bootstrap, String topic) {
        return Map.of("listeners", "http://127.0.0.1:0", "kafkastore.bootstrap.servers", bootstrap,
                "kafkastore.topic", topic, "kafkastore.timeout.ms", 5000);
    }

    @Test
    void metricsCountRequestsPerRouteTemplateAndStatusAndShowTheStore() {
        TestHttp.Answer registered = http.register("metrics-value", TestHttp.recordSchema("M" + UUID.randomUUID().toString().replace("-", "")));
        assertThat(registered.status()).isEqualTo(200);
        int id = registered.json().get("id").asInt();
        assertThat(http.get("/schemas/ids/" + id).status()).isEqualTo(200);
        assertThat(http.get("/schemas/ids/" + id).status()).isEqualTo(200);
        assertThat(http.get("/schemas/ids/987654321").status()).isEqualTo(404);
        assertThat(http.get("/no/such/route/zzhostile").status()).isEqualTo(404);

        TestHttp.Answer metrics = http.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        String text = metrics.body();
        assertThat(sample(text, "http_server_requests_seconds_count{method=\"GET\",route=\"/schemas/ids/{id}\",status=\"200\"}"))
                .isGreaterThanOrEqualTo(2);
        assertThat(sample(text, "http_server_requests_seconds_count{method=\"GET\",route=\"/schemas/ids/{id}\",status=\"404\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(sample(text, "http_server_requests_seconds_count{method=\"POST\",route=\"/subjects/{subject}/versions\",status=\"200\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(text).contains("http_server_requests_seconds_bucket{");
        // Raw paths never become labels: one series for everything unmatched.
        assertThat(text).doesNotContain("zzhostile").doesNotContain("987654321");
        assertThat(sample(text, "registry_schemas")).isGreaterThanOrEqualTo(1);
        assertThat(sample(text, "registry_subjects")).isGreaterThanOrEqualTo(1);
        assertThat(sample(text, "registry_store_applied_offset")).isGreaterThanOrEqualTo(1);
        assertThat(sample(text, "registry_store_lag")).isBetween(-1.0, 0.0);
        assertThat(sample(text, "registry_store_commits_total")).isGreaterThanOrEqualTo(1);
        assertThat(text).contains("jvm_memory_used_bytes{").contains("jvm_threads_live_threads").contains("process_uptime_seconds");
        // API reads and writes by outcome: the registration wrote; the lookups by id read, one of them a 404.
        assertThat(sample(text, "registry_writes_total{outcome=\"ok\"}")).isGreaterThanOrEqualTo(1);
        assertThat(sample(text, "registry_reads_total{outcome=\"ok\"}")).isGreaterThanOrEqualTo(2);
        assertThat(sample(text, "registry_reads_total{outcome=\"client_error\"}")).isGreaterThanOrEqualTo(1);
        assertThat(sample(text, "registry_writes_total{outcome=\"server_error\"}")).isEqualTo(0);
        // The store's Kafka clients: its reader, its admin client and its transactional writer.
        assertThat(text).contains("kafka_consumer_fetch_manager_records_consumed_total{")
                .contains("kafka_producer_record_send_total{").contains("kafka_admin_client_");
    }

    @Test
    void readsAndWritesAreToldApartByMethodAndRoute() {
        assertThat(RegistryMetrics.kind("POST", "/subjects/{subject}/versions")).isEqualTo("writes");
        assertThat(RegistryMetrics.kind("POST", "/subjects/{subject}")).isEqualTo("reads");
        assertThat(RegistryMetrics.kind("POST", "/compatibility/subjects/{subject}/versions")).isEqualTo("reads");
        assertThat(RegistryMetrics.kind("PUT", "/config/{subject}")).isEqualTo("writes");
        assertThat(RegistryMetrics.kind("DELETE", "/subjects/{subject}")).isEqualTo("writes");
        assertThat(RegistryMetrics.kind("GET", "/schemas/ids/{id}")).isEqualTo("reads");
        assertThat(RegistryMetrics.kind("GET", "/metrics")).isNull();
        assertThat(RegistryMetrics.kind("GET", "/health/ready")).isNull();
        assertThat(RegistryMetrics.kind("GET", "unmatched")).isNull();
    }

    /** The value of a sample line `name{labels} value` (exact name and labels), or -2 when absent. */
    private static double sample(String exposition, String nameAndLabels) {
        Matcher m = Pattern.compile("^" + Pattern.quote(nameAndLabels) + " (\\S+)$", Pattern.MULTILINE).matcher(exposition);
        return m.find() ? Double.parseDouble(m.group(1)) : -2;
    }

    @Test
    void healthIsUpWhenTheStoreIsCaughtUp() {
        TestHttp.Answer health = http.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.json().at("/store/appliedOffset").asLong()).isEqualTo(health.json().at("/store/endOffset").asLong());
    }

    @Test
    void healthIsDownWhenTheStoreIsGone(EmbeddedKafka kafka) throws Exception {
        String topic = "_schemas-ops-down-" + UUID.randomUUID();
        Map<String, Object> settings = new java.util.HashMap<>(config(kafka.bootstrapServers(), topic));
        settings.put("kafkastore.timeout.ms", 1500);
        try (RegistryServer lonely = RegistryServer.start(settings);
             Admin admin = kafka.admin()) {
            TestHttp client = new TestHttp(lonely.url());
            assertThat(client.get("/health").status()).isEqualTo(200);
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            Thread.sleep(600); // past the half second for which a health verdict is reused
            TestHttp.Answer down = client.get("/health");
            assertThat(down.status()).as(down.body()).isEqualTo(503);
            assertThat(down.json().get("status").asText()).isEqualTo("DOWN");
            assertThat(down.json().get("reason").asText()).contains(topic);
            // A write cannot land: a clear 5xx from the spec within the store timeout, not a hang.
            TestHttp.Answer write = client.register("after-delete-value", TestHttp.recordSchema("AfterDelete"));
            assertThat(write.status()).as(write.body()).isEqualTo(500);
            assertThat(write.errorCode()).isIn(50001, 50002);
            // Reads are still answered from memory while the store is unusable.
            assertThat(client.get("/subjects").status()).isEqualTo(200);
        }
    }

    @Test
    void accessLogHasOneLinePerRequestWithEscapedPath() {
        Logger access = (Logger) LoggerFactory.getLogger("io.avrogate.registry.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Level before = access.getLevel();
        access.setLevel(Level.INFO);
        access.addAppender(lines);
        try {
            http.get("/subjects/access-log-probe%0Aforged/versions");
            http.get("/schemas/types");
        } finally {
            access.detachAppender(lines);
            access.setLevel(before);
        }
        assertThat(lines.list).hasSize(2);
        String first = lines.list.get(0).getFormattedMessage();
        // The path is logged as sent (still percent-encoded), so an encoded newline cannot forge a log line.
        assertThat(first).matches("GET /subjects/access-log-probe%0Aforged/versions 404 \\d+ms");
        assertThat(lines.list.get(1).getFormattedMessage()).matches("GET /schemas/types 200 \\d+ms");
    }

    @Test
    void shutdownFinishesTheRequestInFlightAndStopsAccepting(EmbeddedKafka kafka) throws Exception {
        String topic = "_schemas-ops-shutdown-" + UUID.randomUUID();
        RegistryServer stopping = RegistryServer.start(config(kafka.bootstrapServers(), topic));
        int port = stopping.port();
        String body = TestHttp.JSON.createObjectNode().put("schema", TestHttp.recordSchema("InFlight")).toString();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int half = bytes.length / 2;
        CompletableFuture<Void> closing;
        String response;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /subjects/inflight-value/versions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                    + TestHttp.V1 + "\r\nContent-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, 0, half);
            out.flush();
            // The request is now being handled (its handler waits for the rest of the body); stop the server.
            closing = CompletableFuture.runAsync(stopping::close);
            awaitRefused(port);
            assertThat(closing).isNotDone();
            out.write(bytes, half, bytes.length - half);
            out.flush();
            response = readResponse(socket.getInputStream());
        }
        closing.get();
        assertThat(response).startsWith("HTTP/1.1 200");
        assertThat(response).contains("{\"id\":");

        // The acknowledged write is in the store: a new instance on the topic has it.
        try (RegistryServer again = RegistryServer.start(config(kafka.bootstrapServers(), topic))) {
            TestHttp.Answer versions = new TestHttp(again.url()).get("/subjects/inflight-value/versions");
            assertThat(versions.status()).isEqualTo(200);
            assertThat(versions.json().toString()).isEqualTo("[1]");
        }
    }

    private static void awaitRefused(int port) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            } catch (ConnectException refused) {
                return;
            } catch (java.io.IOException other) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the listener still accepts connections 10 s after shutdown began");
    }

    private static String readResponse(InputStream in) throws java.io.IOException {
        StringBuilder text = new StringBuilder();
        byte[] buf = new byte[4096];
        int n;
        while ((n = in.read(buf)) > 0) {
            text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            String s = text.toString();
            int headerEnd = s.indexOf("\r\n\r\n");
            if (headerEnd >= 0) {
                Matcher m = Pattern.compile("(?i)content-length: (\\d+)").matcher(s.substring(0, headerEnd));
                if (m.find() && s.length() - headerEnd - 4 >= Integer.parseInt(m.group(1))) break;
            }
        }
        return text.toString();
    }
}
