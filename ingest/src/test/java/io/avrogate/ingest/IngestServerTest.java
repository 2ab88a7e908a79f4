package io.avrogate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avrogate.producer.RegisteredSchemas;
import io.avrogate.registry.RegistryServer;
import io.avrogate.serde.AvroDeserializer;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ingest service over real HTTP, against the real registry and broker; what it answers is checked against Kafka. */
@ExtendWith(RegistryExtension.class)
class IngestServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long MAX_BODY = 64 * 1024;

    private static EmbeddedKafka kafka;
    private static RegistryServer registry;
    private static RegisteredSchemas schemas;
    private static IngestServer server;

    @BeforeAll
    static void start(EmbeddedKafka broker, RegistryServer registryServer) {
        kafka = broker;
        registry = registryServer;
        schemas = new RegisteredSchemas(registry.url());
        server = IngestServer.start(IngestSettings.defaults().withListener("127.0.0.1", 0).withMaxBodyBytes(MAX_BODY),
                Map.of("bootstrap.servers", kafka.bootstrapServers(), "schema.registry.url", registry.url()));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (schemas != null) schemas.close();
    }

    /** A topic with app-events-value v3 (which references GeoLocation) as its value schema. */
    private static String appEventsTopic(int partitions) {
        String topic = RegisteredSchemas.uniqueTopic("app-events");
        schemas.registerValue(topic, "app-events-value", 3);
        kafka.createTopic(topic, partitions);
        return topic;
    }

    static String appEvent(String action) {
        return """
                {"event_id": "%s", "user_id": "u-1", "occurred_at": "2024-05-01T10:00:00Z",
                 "metadata": {"device": {"platform": "ANDROID", "os_version": "14", "screen": {"width": 1080, "height": 2400}},
                              "geo": {"country": "DE", "city": "Berlin"}, "app_version": "5.2.0"},
                 "payload": {"screen_name": "home", "action": "%s", "revenue": 4.5}}
                """.formatted(UUID.randomUUID(), action).replace("\n", " ");
    }

    @Test
    void aValidEventIsWrittenInTheRegistryWireFormatWithCaptureMetadata() throws Exception {
        String topic = appEventsTopic(1);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);

        HttpResponse<String> response = post(topic, appEvent("tap_buy"), "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        int id = schemas.client().latest(topic + "-value").id();
        assertThat(body.get("subject").asText()).isEqualTo(topic + "-value");
        assertThat(body.get("id").asInt()).isEqualTo(id);
        assertThat(body.get("accepted").asInt()).isEqualTo(1);
        JsonNode result = body.get("results").get(0);
        assertThat(result.get("status").asText()).isEqualTo("ok");

        List<ConsumerRecord<byte[], byte[]>> records = consume(topic, 1);
        ConsumerRecord<byte[], byte[]> record = records.get(0);
        assertThat(record.partition()).isEqualTo(result.get("partition").asInt());
        assertThat(record.offset()).isEqualTo(result.get("offset").asLong());
        // Confluent framing: magic byte 0, then the id of the latest version, big-endian
        ByteBuffer framing = ByteBuffer.wrap(record.value());
        assertThat(framing.get()).isEqualTo((byte) 0);
        assertThat(framing.getInt()).isEqualTo(id);

        GenericRecord event = decode(topic, record.value());
        GenericRecord payload = (GenericRecord) event.get("payload");
        assertThat(payload.get("action").toString()).isEqualTo("tap_buy");
        GenericRecord metadata = (GenericRecord) event.get("metadata");
        assertThat(((GenericRecord) metadata.get("geo")).get("city").toString()).isEqualTo("Berlin");
        long receivedAt = (Long) metadata.get("received_at");
        assertThat(receivedAt).isBetween(ChronoUnit.MICROS.between(Instant.EPOCH, before),
                ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
    }

    @Test
    void anInvalidEventIsRefusedWith422NamingTheFieldAndNothingIsWritten() throws Exception {
        String topic = appEventsTopic(1);
        String bad = appEvent("x").replace("\"width\": 1080", "\"width\": \"wide\"").replace("\"ANDROID\"", "7");

        HttpResponse<String> response = post(topic, bad, "application/json");

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode result = JSON.readTree(response.body()).get("results").get(0);
        assertThat(result.get("status").asText()).isEqualTo("invalid");
        assertThat(result.get("errors").findValuesAsText("message")).containsExactly(
                "/metadata/device/platform: expected one of [IOS, ANDROID, WEB, OTHER], got 7",
                "/metadata/device/screen/width: expected int, got \"wide\"");
        assertThat(endOffset(topic)).isZero();
    }

    @Test
    void inABatchTheValidEventsAreWrittenAndEachEventGetsItsResult() throws Exception {
        String topic = appEventsTopic(2);
        String batch = "[" + appEvent("a") + "," + appEvent("b").replace("\"u-1\"", "42") + "," + appEvent("c") + "]";

        HttpResponse<String> response = post(topic, batch, "application/json");

        assertThat(response.statusCode()).isEqualTo(207);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("accepted").asInt()).isEqualTo(2);
        assertThat(body.get("rejected").asInt()).isEqualTo(1);
        JsonNode results = body.get("results");
        assertThat(results.findValuesAsText("status")).containsExactly("ok", "invalid", "ok");
        assertThat(results.get(1).get("errors").get(0).get("message").asText())
                .isEqualTo("/user_id: expected string, got 42");

        List<String> actions = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : consume(topic, 2)) {
            actions.add(((GenericRecord) decode(topic, record.value()).get("payload")).get("action").toString());
        }
        assertThat(actions).containsExactlyInAnyOrder("a", "c");
    }

    @Test
    void anAtomicBatchWithAnInvalidEventWritesNothing() throws Exception {
        String topic = appEventsTopic(1);
        String batch = "[" + appEvent("a") + "," + appEvent("b").replace("\"DE\"", "null") + "]";

        HttpResponse<String> response = post(topic + "?atomic=true", batch, "application/json");

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode results = JSON.readTree(response.body()).get("results");
        assertThat(results.findValuesAsText("status")).containsExactly("not_sent", "invalid");
        assertThat(results.get(1).get("errors").get(0).get("message").asText())
                .isEqualTo("/metadata/geo/country: expected string, got null");
        assertThat(endOffset(topic)).isZero();
    }

    @Test
    void ndjsonIsReadByMediaTypeOrDetectedAndAMalformedLineIsOneInvalidEvent() throws Exception {
        String topic = appEventsTopic(1);
        String ndjson = appEvent("a") + "\n\n" + "{\"event_id\": oops}\n" + appEvent("b") + "\n";

        HttpResponse<String> typed = post(topic, ndjson, "application/x-ndjson");
        assertThat(typed.statusCode()).isEqualTo(207);
        JsonNode results = JSON.readTree(typed.body()).get("results");
        assertThat(results.findValuesAsText("status")).containsExactly("ok", "invalid", "ok");
        assertThat(results.findValuesAsText("line")).containsExactly("1", "3", "4");
        assertThat(results.get(1).get("errors").get(0).get("message").asText()).startsWith("/: malformed JSON at line 1");

        HttpResponse<String> detected = post(topic, appEvent("c") + "\n" + appEvent("d"), null);
        assertThat(detected.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(detected.body()).get("accepted").asInt()).isEqualTo(2);

        assertThat(consume(topic, 4)).hasSize(4);
    }

    @Test
    void unknownTopicsAndSubjectsAre404AndNonRecordSchemasAreRefused() throws Exception {
        HttpResponse<String> noSubject = post("no-such-topic-" + UUID.randomUUID(), appEvent("a"), "application/json");
        assertThat(noSubject.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(noSubject.body()).get("error_code").asInt()).isEqualTo(40401);
        assertThat(JSON.readTree(noSubject.body()).get("message").asText()).contains("subject 'no-such-topic-");

        String plain = RegisteredSchemas.uniqueTopic("plain");
        schemas.client().register(plain + "-value", io.avrogate.registry.client.SchemaContent.avro("\"string\""), false);
        HttpResponse<String> notARecord = post(plain, "\"hello\"", "application/json");
        assertThat(notARecord.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notARecord.body()).get("message").asText()).contains("is a string, not a record");

        String unregisteredTopic = RegisteredSchemas.uniqueTopic("app-events");
        schemas.registerValue(unregisteredTopic, "app-events-value", 3); // schema yes, Kafka topic no
        HttpResponse<String> noTopic = post(unregisteredTopic, appEvent("a"), "application/json");
        assertThat(noTopic.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(noTopic.body()).get("error_code").asInt()).isEqualTo(40404);
    }

    @Test
    void badRequestsGetClearErrorsNeverA500() throws Exception {
        String topic = appEventsTopic(1);
        assertError(post(topic, "{\"event_id\": ", "application/json"), 400, "malformed JSON at line 1");
        assertError(post(topic, "  ", "application/json"), 400, "empty body");
        assertError(post(topic, "[]", "application/json"), 400, "empty array");
        assertError(post(topic, "<event/>", "application/xml"), 415, "unsupported media type application/xml");
        String huge = "[" + String.join(",", java.util.Collections.nCopies(300, appEvent("a"))) + "]";
        assertThat((long) huge.length()).isGreaterThan(MAX_BODY);
        assertError(post(topic, huge, "application/json"), 413, "larger than " + MAX_BODY + " bytes");
        assertThat(endOffset(topic)).isZero();

        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/topics/" + topic)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(get.body()).get("version").asInt()).isEqualTo(1);
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("UP");
        HttpResponse<String> elsewhere = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/nowhere")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(elsewhere.body()).get("error_code").asInt()).isEqualTo(404);
    }

    @Test
    void anEnricherOfTheApplicationsOwnRunsOnEveryEventBeforeConversion() throws Exception {
        String topic = appEventsTopic(1);
        EventEnricher tagger = (event, schema, request) -> ((ObjectNode) event.get("payload"))
                .putObject("properties").put("ingested_by", request.userAgent());
        try (IngestServer tagging = IngestServer.start(IngestSettings.defaults().withListener("127.0.0.1", 0)
                        .withEnrichers(false, List.of(tagger)),
                Map.of("bootstrap.servers", kafka.bootstrapServers(), "schema.registry.url", registry.url()))) {
            // without capture metadata the required received_at is missing: the hook runs, the schema still rules
            HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(tagging.url() + "/topics/" + topic))
                    .header("User-Agent", "sdk/1.0").POST(HttpRequest.BodyPublishers.ofString(appEvent("a"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.body()).contains("/metadata/received_at: missing required field");

            HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(tagging.url() + "/topics/" + topic))
                    .header("User-Agent", "sdk/1.0").POST(HttpRequest.BodyPublishers.ofString(
                            appEvent("b").replace("\"app_version\": \"5.2.0\"", "\"app_version\": \"5.2.0\", \"received_at\": 1")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        }
        GenericRecord event = decode(topic, consume(topic, 1).get(0).value());
        GenericRecord payload = (GenericRecord) event.get("payload");
        assertThat(((Map<?, ?>) payload.get("properties")).get(new org.apache.avro.util.Utf8("ingested_by")).toString())
                .isEqualTo("sdk/1.0");
        assertThat(((GenericRecord) event.get("metadata")).get("received_at")).isEqualTo(1L);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error_code").asInt()).isEqualTo(status);
        assertThat(body.get("message").asText()).contains(message);
    }

    static HttpResponse<String> post(String topicAndQuery, String body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "/topics/" + topicAndQuery))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) request.header("Content-Type", contentType);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static GenericRecord decode(String topic, byte[] value) {
        try (AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>()) {
            deserializer.configure(Map.of("schema.registry.url", registry.url()), false);
            return deserializer.deserialize(topic, value);
        }
    }

    private static long endOffset(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Reads every record of the topic from the beginning until {@code expected} arrived (or 30 s passed). */
    static List<ConsumerRecord<byte[], byte[]>> consume(String topic, int expected) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // anything beyond the expected count would show up in a last short poll
            consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            return out;
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "key.deserializer", ByteArrayDeserializer.class, "value.deserializer", ByteArrayDeserializer.class,
                "enable.auto.commit", false));
    }
}
