package io.avrogate.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avrogate.bridge.BridgeConfig;
import io.avrogate.bridge.BridgeRunner;
import io.avrogate.check.SchemaRegistration;
import io.avrogate.check.SchemaRepository;
import io.avrogate.check.Subject;
import io.avrogate.cli.Main;
import io.avrogate.ingest.IngestServer;
import io.avrogate.ingest.IngestSettings;
import io.avrogate.registry.RegistryServer;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import io.avrogate.testkit.EmbeddedKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's observability, end to end on a real broker: the registry, ingest, the consumer runner (as
 * {@code avrogate consume --http-port}) and the bridge run while clicks flow through them; every service's
 * {@code /metrics} carries its named series (domain, Kafka client, HTTP, JVM) and they move; every metric the Grafana
 * dashboard queries is exported; and {@code /health/ready} of every service goes DOWN when the broker stops and UP
 * again when it returns.
 */
class PipelineMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Path SCHEMAS = Path.of("..", "schemas");
    private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "avrogate.json");
    private static final int V1_CLICKS = 100;
    private static final int V2_CLICKS = 50;
    private static final int LATE_CLICKS = 10;

    @TempDir
    Path tmp;

    /** Closed in reverse order. */
    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }

    @Test
    void everyServiceExportsMovingSeriesAndIsReadyOnlyWhileKafkaAnswers() throws Exception {
        int kafkaPort = freePort();
        Path kafkaData = tmp.resolve("kafka");
        EmbeddedKafka[] kafka = {EmbeddedKafka.builder().dataDir(kafkaData).port(kafkaPort).start()};
        running.add(() -> kafka[0].close());
        String bootstrap = kafka[0].bootstrapServers();

        RegistryServer registry = keep(RegistryServer.start(Map.of("listeners", "http://127.0.0.1:0",
                "kafkastore.bootstrap.servers", bootstrap, "kafkastore.timeout.ms", "5000",
                "avrogate.shutdown.timeout.ms", "0")));
        String registryBefore = scrape(registry.url());
        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()))) {
            new SchemaRegistration(SchemaRepository.load(SCHEMAS), client, false, line -> { }).run();
        }
        SchemaRepository.load(SCHEMAS).subjects().values().stream().map(Subject::config).map(c -> c.topic())
                .filter(Objects::nonNull).distinct().forEach(topic -> kafka[0].createTopic(topic, 3));

        IngestServer ingest = keep(IngestServer.start(IngestSettings.defaults().withListener("127.0.0.1", 0),
                Map.of("bootstrap.servers", bootstrap, "schema.registry.url", registry.url())));

        int consumerPort = freePort();
        StringWriter consumed = new StringWriter();
        StringWriter consumerLog = new StringWriter();
        CommandLine consume = Main.commandLine();
        consume.setOut(new PrintWriter(consumed, true));
        consume.setErr(new PrintWriter(consumerLog, true));
        int expected = V1_CLICKS + V2_CLICKS + LATE_CLICKS;
        int[] exit = {-1};
        Thread consumer = new Thread(() -> exit[0] = consume.execute("consume", "--topic", "ad-clicks",
                "--group", "billing-observed", "--from-beginning", "--max", Integer.toString(expected),
                "--bootstrap-servers", bootstrap, "--registry", registry.url(),
                "--http-port", Integer.toString(consumerPort)), "consume-command");
        consumer.setDaemon(true); // a failed test must not leave the JVM waiting for it
        consumer.start();
        String consumerUrl = "http://127.0.0.1:" + consumerPort;

        BridgeConfig bridgeConfig = BridgeRunner.config(Map.of(BridgeConfig.BOOTSTRAP_SERVERS, bootstrap,
                BridgeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                BridgeConfig.MAPPING, SCHEMAS.resolve(BreakingChangeStep.MAPPING).toString(),
                BridgeConfig.INSTANCE_ID, "observed-bridge", BridgeConfig.HTTP_HOST, "127.0.0.1",
                BridgeConfig.HTTP_PORT, "0", BridgeConfig.OBSERVE_INTERVAL_MS, "-1"));
        BridgeRunner bridge = keep(BridgeRunner.start(bridgeConfig));
        Thread bridgeLoop = new Thread(bridge::run, "bridge-loop");
        bridgeLoop.setDaemon(true);
        bridgeLoop.start();
        running.add(() -> {
            bridge.stop();
            bridgeLoop.join(30_000);
        });
        String bridgeUrl = "http://127.0.0.1:" + bridge.httpPort();

        Map<String, String> services = new LinkedHashMap<>();
        services.put("registry", registry.url());
        services.put("ingest", ingest.url());
        services.put("consumer", consumerUrl);
        services.put("bridge", bridgeUrl);
        for (String url : services.values()) awaitReady(url, true, Duration.ofSeconds(60));
        Map<String, String> before = new LinkedHashMap<>();
        services.forEach((name, url) -> before.put(name, scrape(url)));

        // The flow: clicks in through ingest (old and new lineage, one broken), a poison pill past the gate, the
        // bridge translating the new lineage onto the old topic, the consumer reading the old topic.
        TrackingEvents events = new TrackingEvents(7, Instant.parse("2026-12-01T08:00:00Z"));
        IngestClient client = new IngestClient(ingest.url());
        List<ObjectNode> v1 = new ArrayList<>();
        for (int i = 0; i < V1_CLICKS; i++) v1.add(events.adClick(i));
        ObjectNode broken = events.adClick(V1_CLICKS);
        broken.remove("ad_id");
        v1.add(broken);
        assertThat(client.post("ad-clicks", v1).accepted()).isEqualTo(V1_CLICKS);
        List<ObjectNode> v2 = new ArrayList<>();
        for (int i = 0; i < V2_CLICKS; i++) v2.add(events.adClickV2(1000 + i));
        assertThat(client.post("ad-clicks.v2", v2).accepted()).isEqualTo(V2_CLICKS);
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>("ad-clicks", "not avro".getBytes())).get();
        }
        await(() -> consumed.toString().lines().count() >= V1_CLICKS + V2_CLICKS, Duration.ofSeconds(90),
                () -> "consumed " + consumed.toString().lines().count() + "; " + consumerLog);

        Map<String, String> after = new LinkedHashMap<>();
        services.forEach((name, url) -> after.put(name, scrape(url)));
        for (Map.Entry<String, String> service : after.entrySet()) {
            assertThat(service.getValue()).as(service.getKey()).contains("jvm_memory_used_bytes{")
                    .contains("process_uptime_seconds").contains("http_server_requests_seconds_count{");
        }
        assertMoved(after.get("registry"), registryBefore, "registry_writes_total", "registry_reads_total");
        assertThat(after.get("registry")).contains("registry_store_lag ").contains("kafka_consumer_fetch_manager_records_consumed_total{");
        assertMoved(after.get("ingest"), before.get("ingest"), "ingest_events_accepted_total",
                "ingest_events_rejected_total", "kafka_producer_record_send_total");
        assertThat(sum(after.get("ingest"), "ingest_events_rejected_total{reason=\"invalid\"}")).isEqualTo(1);
        assertMoved(after.get("consumer"), before.get("consumer"), "avrogate_consumer_records_handled_total",
                "avrogate_consumer_records_dead_lettered_total", "kafka_consumer_fetch_manager_records_consumed_total");
        assertThat(after.get("consumer")).contains("avrogate_consumer_lag_records{");
        assertMoved(after.get("bridge"), before.get("bridge"), "avrogate_bridge_translated_total",
                "avrogate_bridge_transactions_total", "kafka_producer_record_send_total");
        assertThat(after.get("bridge")).contains("avrogate_bridge_lag_records{");

        // Every metric the dashboard queries is exported by a running service.
        Set<String> queried = dashboardMetrics();
        assertThat(queried).contains("ingest_events_accepted_total", "avrogate_consumer_lag_records",
                "registry_store_lag", "kafka_producer_record_send_total", "http_server_requests_seconds_bucket");
        String everything = String.join("\n", after.values());
        for (String metric : queried) {
            assertThat(Pattern.compile("^" + Pattern.quote(metric) + "[{ ]", Pattern.MULTILINE).matcher(everything).find())
                    .as("dashboard metric %s is exported", metric).isTrue();
        }

        // Readiness follows the broker.
        kafka[0].close();
        for (Map.Entry<String, String> service : services.entrySet()) {
            JsonNode down = awaitReady(service.getValue(), false, Duration.ofSeconds(60));
            String check = service.getKey().equals("registry") ? "store" : "kafka";
            assertThat(down.path("checks").path(check).path("status").asText()).as(service.getKey()).isEqualTo("DOWN");
            assertThat(down.path("checks").path(check).path("reason").asText()).as(service.getKey()).isNotBlank();
            if (!service.getKey().equals("registry")) {
                assertThat(down.path("checks").path("kafka").path("reason").asText()).contains(bootstrap);
                assertThat(down.path("checks").path("registry").path("status").asText()).isEqualTo("UP");
            }
            assertThat(get(service.getValue() + "/health/live").statusCode()).isEqualTo(200);
        }
        kafka[0] = EmbeddedKafka.builder().dataDir(kafkaData).port(kafkaPort).start();
        for (String url : services.values()) awaitReady(url, true, Duration.ofSeconds(90));

        // And the flow goes on: the late clicks reach the consumer, which stops at --max.
        List<ObjectNode> late = new ArrayList<>();
        for (int i = 0; i < LATE_CLICKS; i++) late.add(events.adClick(2000 + i));
        assertThat(client.post("ad-clicks", late).accepted()).isEqualTo(LATE_CLICKS);
        consumer.join(90_000);
        assertThat(exit[0]).as(consumerLog.toString()).isZero();
        assertThat(consumed.toString().lines().count()).isEqualTo(expected);
        assertThat(consumerLog.toString()).contains("/metrics, /health/live and /health/ready on " + consumerUrl);
    }

    /** Every metric name the dashboard's queries select, e.g. {@code ingest_events_accepted_total}. */
    static Set<String> dashboardMetrics() throws Exception {
        Set<String> names = new TreeSet<>();
        Pattern selector = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");
        // Also names written without a selector, which the first pattern would miss.
        Pattern ours = Pattern.compile("\\b((?:avrogate|registry|ingest|kafka|http|jvm|process)_[a-z0-9_]+)\\b");
        for (JsonNode expr : JSON.readTree(Files.readString(DASHBOARD)).findValues("expr")) {
            Matcher m = selector.matcher(expr.asText());
            while (m.find()) names.add(m.group(1));
            Matcher n = ours.matcher(expr.asText());
            while (n.find()) names.add(n.group(1));
        }
        return names;
    }

    private static void assertMoved(String after, String before, String... metrics) {
        for (String metric : metrics) {
            assertThat(sum(after, metric)).as(metric + " moved").isGreaterThan(sum(before, metric));
        }
    }

    /** The sum of every sample of a metric (any labels), or of one exact {@code name{labels}} series. */
    static double sum(String exposition, String metric) {
        String pattern = metric.contains("{") ? "^" + Pattern.quote(metric) + " (\\S+)$"
                : "^" + Pattern.quote(metric) + "(?:\\{[^}]*\\})? (\\S+)$";
        Matcher m = Pattern.compile(pattern, Pattern.MULTILINE).matcher(exposition);
        double total = 0;
        while (m.find()) {
            double value = Double.parseDouble(m.group(1));
            if (!Double.isNaN(value)) total += value;
        }
        return total;
    }

    private <T extends AutoCloseable> T keep(T service) {
        running.add(service);
        return service;
    }

    private static String scrape(String baseUrl) {
        try {
            HttpResponse<String> response = get(baseUrl + "/metrics");
            assertThat(response.statusCode()).as(baseUrl + "/metrics").isEqualTo(200);
            return response.body();
        } catch (Exception e) {
            throw new AssertionError("cannot scrape " + baseUrl + ": " + e, e);
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Polls /health/ready until it says {@code ready}; answers its last body. */
    private static JsonNode awaitReady(String baseUrl, boolean ready, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = get(baseUrl + "/health/ready");
                last = response.statusCode() + " " + response.body();
                if ((response.statusCode() == 200) == ready) return JSON.readTree(response.body());
            } catch (java.io.IOException e) {
                last = e.toString(); // the consumer's listener may not be up yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(baseUrl + "/health/ready did not become " + (ready ? "ready" : "not ready")
                + " within " + within + "; last: " + last);
    }

    private static void await(BooleanSupplier condition, Duration within, java.util.function.Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out: " + state.get());
            Thread.sleep(100);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
