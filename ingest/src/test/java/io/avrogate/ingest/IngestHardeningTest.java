package io.avrogate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avrogate.producer.RegisteredSchemas;
import io.avrogate.registry.RegistryServer;
import io.avrogate.server.LogCapture;
import io.avrogate.server.RawHttp;
import io.avrogate.server.SlowClientLoad;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Ingest on server-common's listener: the topic guard, bad bodies, slow clients and /metrics, over real HTTP. */
@ExtendWith(RegistryExtension.class)
class IngestHardeningTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static EmbeddedKafka kafka;
    private static RegisteredSchemas schemas;
    private static String open;
    private static String undeclared;
    private static IngestServer server;

    @BeforeAll
    static void start(EmbeddedKafka broker, RegistryServer registry) {
        kafka = broker;
        schemas = new RegisteredSchemas(registry.url());
        open = topic();
        undeclared = topic();
        schemas.registerValue("_schemas", "app-events-value", 3); // a subject named after the registry's own topic
        server = IngestServer.start(IngestSettings.defaults().withListener("127.0.0.1", 0)
                        .withAllowedTopics(Set.of(open, "_schemas"), null),
                Map.of("bootstrap.servers", kafka.bootstrapServers(), "schema.registry.url", registry.url()));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (schemas != null) schemas.close();
    }

    private static String topic() {
        String topic = RegisteredSchemas.uniqueTopic("app-events");
        schemas.registerValue(topic, "app-events-value", 3);
        kafka.createTopic(topic, 1);
        return topic;
    }

    private static HttpResponse<String> post(String topic, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/topics/" + topic))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void writesOnlyToDeclaredTopicsAndNeverToInternalOnes() throws Exception {
        assertThat(post(open, IngestServerTest.appEvent("tap")).statusCode()).isEqualTo(200);

        HttpResponse<String> notDeclared = post(undeclared, IngestServerTest.appEvent("tap"));
        assertThat(notDeclared.statusCode()).isEqualTo(403);
        JsonNode body = JSON.readTree(notDeclared.body());
        assertThat(body.get("error_code").asInt()).isEqualTo(40304);
        assertThat(body.get("message").asText()).contains(undeclared).contains("subject.yaml");

        for (String internal : new String[] {"_schemas", "__consumer_offsets", "__avrogate.errors.x"}) {
            HttpResponse<String> refused = post(internal, IngestServerTest.appEvent("tap"));
            assertThat(refused.statusCode()).as(internal).isEqualTo(403);
            assertThat(JSON.readTree(refused.body()).get("error_code").asInt()).isEqualTo(40303);
        }
    }

    @Test
    void subjectYamlFilesDeclareValueTopics(@TempDir Path subjects) throws Exception {
        Files.createDirectories(subjects.resolve("clicks-value"));
        Files.writeString(subjects.resolve("clicks-value/subject.yaml"), "topic: clicks\nrole: value\n");
        Files.createDirectories(subjects.resolve("clicks-key"));
        Files.writeString(subjects.resolve("clicks-key/subject.yaml"), "topic: click-keys-only\nrole: key\n");
        Files.createDirectories(subjects.resolve("shared.Geo"));
        Files.writeString(subjects.resolve("shared.Geo/subject.yaml"), "role: shared\n");
        assertThat(TopicGuard.valueTopics(subjects)).containsExactly("clicks");
    }

    @Test
    void cutShortAndMalformedBodiesGetA4xxAndNoStackTrace() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            for (int i = 0; i < 50; i++) {
                assertThat(RawHttp.send(server.port(), RawHttp.truncatedBody("/topics/" + open), true)).isIn(0, 400, 408);
                assertThat(RawHttp.send(server.port(), RawHttp.badChunkSize("/topics/" + open), false)).isEqualTo(400);
            }
            assertThat(logs.withStackTrace()).isEmpty();
            assertThat(logs.atLeast(Level.WARN)).hasSizeLessThanOrEqualTo(2);
        }
    }

    @Test
    void servesMetricsAndHealth() throws Exception {
        String before = get(server.url() + "/metrics").body();
        post(open, IngestServerTest.appEvent("tap"));
        post(open, "[" + IngestServerTest.appEvent("tap") + ", {\"no\": \"such field\"}]");
        post(open + "?atomic=true", "[" + IngestServerTest.appEvent("tap") + ", {\"no\": \"such field\"}]");
        String metrics = get(server.url() + "/metrics").body();
        assertThat(metrics).contains("ingest_events_accepted_total").contains("jvm_memory_used_bytes")
                .contains("route=\"/topics/{topic}\"");
        assertThat(sample(metrics, "ingest_events_accepted_total") - sample(before, "ingest_events_accepted_total"))
                .isEqualTo(2);
        assertThat(sample(metrics, "ingest_events_rejected_total{reason=\"invalid\"}")
                - sample(before, "ingest_events_rejected_total{reason=\"invalid\"}")).isEqualTo(2);
        assertThat(sample(metrics, "ingest_events_rejected_total{reason=\"not_sent\"}")
                - sample(before, "ingest_events_rejected_total{reason=\"not_sent\"}")).isEqualTo(1);
        assertThat(metrics).contains("ingest_events_rejected_total{reason=\"failed\"}")
                .contains("kafka_producer_record_send_total{").contains("kafka_admin_client_");
        HttpResponse<String> ready = get(server.url() + "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ready.body()).path("checks").path("kafka").path("status").asText()).isEqualTo("UP");
        assertThat(JSON.readTree(ready.body()).path("checks").path("registry").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void notReadyWhileKafkaOrTheRegistryDoesNotAnswer() throws Exception {
        int deadPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        String nowhere = "127.0.0.1:" + deadPort;
        try (IngestServer cut = IngestServer.start(IngestSettings.defaults().withListener("127.0.0.1", 0),
                Map.of("bootstrap.servers", nowhere, "schema.registry.url", "http://" + nowhere))) {
            long started = System.nanoTime();
            HttpResponse<String> ready = get(cut.url() + "/health/ready");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(ready.statusCode()).isEqualTo(503);
            var checks = JSON.readTree(ready.body()).path("checks");
            assertThat(checks.path("kafka").path("status").asText()).isEqualTo("DOWN");
            assertThat(checks.path("kafka").path("reason").asText()).contains("Kafka at " + nowhere);
            assertThat(checks.path("registry").path("status").asText()).isEqualTo("DOWN");
            assertThat(checks.path("registry").path("reason").asText()).contains("http://" + nowhere);
            assertThat(get(cut.url() + "/health/live").statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the sample line `name{labels} value`, 0 when absent. */
    private static double sample(String exposition, String nameAndLabels) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^" + java.util.regex.Pattern.quote(nameAndLabels)
                + " (\\S+)$", java.util.regex.Pattern.MULTILINE).matcher(exposition);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static int describe() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/topics/" + open))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void slowClientsDoNotStarveOthers() throws Exception {
        SlowClientLoad.Result result = SlowClientLoad.run(server.port(), "/topics/" + open, 400, Duration.ofSeconds(2),
                Duration.ofSeconds(10), IngestHardeningTest::describe);
        assertThat(result.failures()).isZero();
        assertThat(result.p99Millis()).isLessThan(1000);
    }

    @Test
    @Tag("slow")
    void slowClientsDoNotStarveOthersForAMinute() throws Exception {
        SlowClientLoad.Result result = SlowClientLoad.run(server.port(), "/topics/" + open, 400, Duration.ofSeconds(5),
                Duration.ofSeconds(60), IngestHardeningTest::describe);
        assertThat(result.failures()).isZero();
        assertThat(result.p99Millis()).isLessThan(1000);
    }
}
