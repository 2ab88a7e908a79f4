package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.consumer.ConsumerRunner;
import io.avrogate.consumer.ConsumerRunnerConfig;
import io.avrogate.registry.RegistryServer;
import io.avrogate.serde.AvroDeserializer;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code avrogate dlq} on the real broker and registry. The poison pills are the demo's "id the registry never
 * issued" kind, made fixable: their schema id is imported into the registry later (IMPORT mode), as when a producer
 * wrote with a registry whose schemas are migrated afterwards. A plain JSON pill stays broken.
 */
@ExtendWith(RegistryExtension.class)
class DlqCommandTest {
    private static final Schema PILL = new Schema.Parser().parse("""
            {"type": "record", "name": "Pill", "namespace": "io.avrogate.cli.test", "fields": [
              {"name": "id", "type": "long"}, {"name": "note", "type": "string"}]}""");
    private static final int FIXABLE = 3;

    @Test
    void replayReDrivesFixedPillsExactlyOnceAndAReRunSendsNothing(EmbeddedKafka kafka, RegistryServer registry) throws Exception {
        Scenario s = deadLettered(kafka, registry);
        importSchema(registry, s.topic + "-value", s.schemaId);

        var replay = run("dlq", "replay", "--topic", s.dlq, "--stage", "VALUE_DESERIALIZATION",
                "--reason", String.valueOf(s.schemaId), "--bootstrap-servers", kafka.bootstrapServers());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("replayed 3 of 3 matching dead letters from " + s.dlq + " to " + s.topic)
                .contains("0 skipped");

        List<ConsumerRecord<String, Object>> replayed = readDecodable(kafka, registry, s.topic);
        assertThat(replayed).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("k0", "k1", "k2");
        for (ConsumerRecord<String, Object> record : replayed) {
            GenericRecord value = (GenericRecord) record.value();
            assertThat(value.get("note").toString()).isEqualTo("note " + record.key());
            assertThat(record.headers().lastHeader("__avrogate.replayed.from")).isNotNull();
            assertThat(record.headers()).noneMatch(h -> h.key().startsWith("__connect.errors.")
                    || h.key().startsWith("__avrogate.errors."));
        }
        assertThat(replayed.stream().filter(r -> r.key().equals("k1")).findFirst().orElseThrow()
                .headers().lastHeader("trace-id").value()).as("the original's own header travels").asString(StandardCharsets.UTF_8)
                .isEqualTo("t-1");

        var again = run("dlq", "replay", "--topic", s.dlq, "--stage", "VALUE_DESERIALIZATION",
                "--reason", String.valueOf(s.schemaId), "--bootstrap-servers", kafka.bootstrapServers());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("replayed 0 of 3 matching").contains("3 skipped as already replayed");
        assertThat(readDecodable(kafka, registry, s.topic)).as("no duplicates of the fixed pills").hasSize(FIXABLE);
        var unfiltered = run("dlq", "replay", "--topic", s.dlq, "--dry-run", "--bootstrap-servers", kafka.bootstrapServers());
        assertThat(unfiltered.out()).contains("would replay 1 of 4 matching").contains("3 skipped")
                .contains(s.topic + "-0@3");
    }

    @Test
    void dryRunPrintsWhatItWouldSendAndSendsNothing(EmbeddedKafka kafka, RegistryServer registry) throws Exception {
        Scenario s = deadLettered(kafka, registry);
        String other = s.topic + ".replayed";
        kafka.createTopic(other, 1);
        var dry = run("dlq", "replay", "--topic", s.dlq, "--to", other, "--dry-run",
                "--bootstrap-servers", kafka.bootstrapServers());
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out().lines().filter(l -> l.startsWith("would send ")).toList()).hasSize(FIXABLE + 1)
                .allMatch(l -> l.contains(" to " + other + ": "));
        assertThat(dry.out()).contains("would replay 4 of 4");
        List<Object> sent = new ArrayList<>();
        TopicScan.forEach(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), other, sent::add);
        assertThat(sent).isEmpty();
    }

    @Test
    void inspectPrintsOneLinePerDeadLetterAndFilters(EmbeddedKafka kafka, RegistryServer registry) throws Exception {
        Scenario s = deadLettered(kafka, registry);
        String bootstrap = kafka.bootstrapServers();
        var all = run("dlq", "inspect", "--topic", s.dlq, "--bootstrap-servers", bootstrap);
        assertThat(all.exitCode()).as(all.err()).isZero();
        List<String> lines = all.out().lines().toList();
        assertThat(lines).hasSize(FIXABLE + 1);
        assertThat(lines.get(0)).startsWith(s.dlq + "-0@0 " + s.topic + "-0@0 VALUE_DESERIALIZATION ")
                .contains("dead-lettered 20");
        assertThat(lines).allMatch(l -> !l.contains("\n"));

        assertThat(run("dlq", "inspect", "--topic", s.dlq, "--reason", "MAGIC BYTE", "--bootstrap-servers", bootstrap)
                .out().lines().toList()).singleElement().asString().contains(s.topic + "-0@3");
        assertThat(run("dlq", "inspect", "--topic", s.dlq, "--stage", "HANDLER", "--bootstrap-servers", bootstrap)
                .out()).isEmpty();
        assertThat(run("dlq", "inspect", "--topic", s.dlq, "--since", "2999-01-01T00:00:00Z", "--bootstrap-servers", bootstrap)
                .out()).isEmpty();
        assertThat(run("dlq", "inspect", "--topic", s.dlq, "--until", "2999-01-01T00:00:00Z", "--max", "2",
                "--bootstrap-servers", bootstrap).out().lines()).hasSize(2);
        var badStage = run("dlq", "inspect", "--topic", s.dlq, "--stage", "NOPE", "--bootstrap-servers", bootstrap);
        assertThat(badStage.exitCode()).isEqualTo(2);
    }

    private record Scenario(String topic, String dlq, int schemaId) {}

    /** Writes three fixable pills (unknown schema id) and one JSON pill, and lets the consumer runner dead-letter them. */
    private static Scenario deadLettered(EmbeddedKafka kafka, RegistryServer registry) throws Exception {
        String topic = "dlq-" + UUID.randomUUID().toString().substring(0, 8);
        String dlq = topic + ".dlq";
        kafka.createTopic(topic, 1);
        kafka.createTopic(dlq, 1);
        int schemaId = ThreadLocalRandom.current().nextInt(500_000, 900_000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < FIXABLE; i++) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, ("k" + i).getBytes(StandardCharsets.UTF_8),
                        wire(schemaId, i));
                record.headers().add("trace-id", ("t-" + i).getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
            producer.send(new ProducerRecord<>(topic, "json".getBytes(StandardCharsets.UTF_8),
                    "{\"id\":3}".getBytes(StandardCharsets.UTF_8))).get();
        }
        Map<String, Object> configs = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-test-" + topic,
                ConsumerRunnerConfig.TOPICS, topic,
                ConsumerRunnerConfig.START_POSITION, "earliest",
                ConsumerRunnerConfig.DEAD_LETTER_TOPIC, dlq,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName(),
                "schema.registry.url", registry.url());
        try (ConsumerRunner<String, Object> runner = ConsumerRunner.<String, Object>builder(configs)
                .handler((record, ack) -> { }).build().start()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (runner.metrics().deadLettered() < FIXABLE + 1 && runner.failure() == null && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(runner.failure()).isNull();
            assertThat(runner.metrics().deadLettered()).isEqualTo(FIXABLE + 1);
            assertThat(runner.metrics().handled()).isZero();
        }
        return new Scenario(topic, dlq, schemaId);
    }

    private static byte[] wire(int schemaId, int i) throws Exception {
        GenericData.Record pill = new GenericData.Record(PILL);
        pill.put("id", (long) i);
        pill.put("note", "note k" + i);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(body, null);
        new GenericDatumWriter<GenericRecord>(PILL).write(pill, encoder);
        encoder.flush();
        return ByteBuffer.allocate(5 + body.size()).put((byte) 0).putInt(schemaId).put(body.toByteArray()).array();
    }

    /** The cause, fixed: the schema the pills were written with, imported under the id they carry. */
    private static void importSchema(RegistryServer registry, String subject, int id) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String schema = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(PILL.toString());
        for (var request : List.of(
                HttpRequest.newBuilder(URI.create(registry.url() + "/mode/" + subject)).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"mode\":\"IMPORT\"}")).build(),
                HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/" + subject + "/versions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":" + schema + ",\"id\":" + id + "}")).build())) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
    }

    /** Every record of the topic that decodes now, read from the beginning with a fresh deserializer. */
    private static List<ConsumerRecord<String, Object>> readDecodable(EmbeddedKafka kafka, RegistryServer registry,
                                                                      String topic) {
        List<ConsumerRecord<String, Object>> out = new ArrayList<>();
        try (AvroDeserializer<Object> values = new AvroDeserializer<>()) {
            values.configure(Map.of("schema.registry.url", registry.url()), false);
            TopicScan.forEach(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), topic, raw -> {
                if (raw.headers().lastHeader("__avrogate.replayed.from") == null) return; // the originals stay as they were
                String key = new String(raw.key(), StandardCharsets.UTF_8);
                Object value = values.deserialize(topic, raw.headers(), raw.value());
                out.add(new ConsumerRecord<>(topic, raw.partition(), raw.offset(), raw.timestamp(),
                        org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0, 0, key, value, raw.headers(),
                        java.util.Optional.empty()));
            });
        }
        return out;
    }

    private static SchemaRepoFixture.Result run(String... args) {
        return SchemaRepoFixture.run(args);
    }
}
