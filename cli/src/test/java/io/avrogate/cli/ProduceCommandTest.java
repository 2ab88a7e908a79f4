package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.registry.RegistryServer;
import io.avrogate.registry.client.SchemaContent;
import io.avrogate.registry.client.SchemaReference;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import io.avrogate.serde.AvroDeserializer;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code avrogate produce} on a small NDJSON file against the real broker and registry. */
@ExtendWith(RegistryExtension.class)
class ProduceCommandTest {
    @TempDir
    Path tmp;

    private static final String GEO = "io.avrogate.example.tracking.common.GeoLocation";

    /** A topic whose value subject holds the repository's app-events-value v3 (referencing GeoLocation v2). */
    private static String appEventsTopic(EmbeddedKafka kafka, RegistryServer registry) throws Exception {
        String topic = "app-events-" + UUID.randomUUID().toString().substring(0, 8);
        Path subjects = repositoryRoot().resolve("schemas/subjects");
        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()))) {
            client.register(topic + "-geo", SchemaContent.avro(Files.readString(subjects.resolve(GEO).resolve("v2.avsc"))), false);
            client.register(topic + "-value", SchemaContent.avro(
                    Files.readString(subjects.resolve("app-events-value/v3.avsc")),
                    List.of(new SchemaReference(GEO, topic + "-geo", 1))), false);
        }
        kafka.createTopic(topic, 1);
        return topic;
    }

    private static String event(String action, String platform) {
        return ("{\"event_id\": \"" + UUID.randomUUID() + "\", \"occurred_at\": 1714521600000,"
                + " \"metadata\": {\"device\": {\"platform\": " + platform + ", \"os_version\": \"14\","
                + " \"screen\": {\"width\": 1, \"height\": 2}}, \"app_version\": \"1\"},"
                + " \"payload\": {\"screen_name\": \"s\", \"action\": \"" + action + "\"}}");
    }

    @Test
    void producesTheValidLinesAndReportsTheRejectedOnesGroupedByReason(EmbeddedKafka kafka, RegistryServer registry) throws Exception {
        String topic = appEventsTopic(kafka, registry);
        Path file = Files.writeString(tmp.resolve("events.ndjson"), String.join("\n",
                event("a", "\"IOS\""),
                event("b", "1"),
                "",
                event("c", "\"WEB\""),
                "{not json",
                event("d", "2"),
                event("e", "\"WINDOWS\"")) + "\n"); // an unknown symbol takes Platform's default, OTHER

        SchemaRepoFixture.Result result = avrogate("produce", "--topic", topic, "--file", file.toString(),
                "--bootstrap-servers", kafka.bootstrapServers(), "--registry", registry.url());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.out())
                .contains("sent 3 records to " + topic + " (subject " + topic + "-value version 1")
                .contains("rejected 3 events that do not fit the schema:")
                .containsPattern("2 x /metadata/device/platform: expected one of \\[IOS, ANDROID, WEB, OTHER], got \\.\\.\\. \\(lines 2, 6\\)")
                .containsPattern("1 x /: malformed JSON \\(line 5\\)");
        List<GenericRecord> written = consume(kafka, registry, topic);
        assertThat(written).extracting(r -> ((GenericRecord) r.get("payload")).get("action").toString())
                .containsExactly("a", "c", "e");
        assertThat(written).hasSize(3);

        SchemaRepoFixture.Result allowed = avrogate("produce", "--topic", topic, "--file", file.toString(), "--allow-rejected",
                "--bootstrap-servers", kafka.bootstrapServers(), "--registry", registry.url());
        assertThat(allowed.exitCode()).isZero();
    }

    @Test
    void unknownTopicsMissingFilesAndMissingConnectionsFailWithOneLine(EmbeddedKafka kafka, RegistryServer registry) throws Exception {
        Path file = Files.writeString(tmp.resolve("one.ndjson"), event("a", "\"IOS\"") + "\n");

        SchemaRepoFixture.Result unknown = avrogate("produce", "--topic", "nope-" + UUID.randomUUID(), "--file", file.toString(),
                "--bootstrap-servers", kafka.bootstrapServers(), "--registry", registry.url());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("avrogate: no schema registered for topic 'nope-");

        SchemaRepoFixture.Result missing = avrogate("produce", "--topic", "t", "--file", tmp.resolve("absent.ndjson").toString(),
                "--bootstrap-servers", kafka.bootstrapServers(), "--registry", registry.url());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("absent.ndjson: no such file");

        SchemaRepoFixture.Result noRegistry = avrogate("produce", "--topic", "t", "--file", file.toString(),
                "--bootstrap-servers", kafka.bootstrapServers());
        if (System.getenv("SCHEMA_REGISTRY_URL") == null) {
            assertThat(noRegistry.exitCode()).isEqualTo(2);
            assertThat(noRegistry.err()).contains("no schema registry: give --registry");
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static SchemaRepoFixture.Result avrogate(String... args) {
        return SchemaRepoFixture.run(args);
    }

    private static List<GenericRecord> consume(EmbeddedKafka kafka, RegistryServer registry, String topic) {
        List<GenericRecord> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "key.deserializer", ByteArrayDeserializer.class, "value.deserializer", ByteArrayDeserializer.class));
             AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>()) {
            deserializer.configure(Map.of("schema.registry.url", registry.url()), false);
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(deserializer.deserialize(topic, r.value())));
            }
        }
        return out;
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("schemas/subjects"))) return dir;
        }
        throw new IllegalStateException("repository root not found");
    }
}
