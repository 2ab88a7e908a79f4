package io.avrogate.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avrogate.core.json.JsonToAvro;
import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The producer facade on the real broker and registry: partitioning, sync and async sends, governed registration. */
@ExtendWith(RegistryExtension.class)
class AvroProducerTest {
    private static final Schema EVENT = TrackingSchemas.parse("events-value", 3);
    private static final int PARTITIONS = 4;

    private static GenericRecord event(String type) {
        return new JsonToAvro().toRecord(JsonToAvro.parse("""
                {"id": "%s", "type": "%s", "source": "test", "occurred_at": 1714521600000000}
                """.formatted(UUID.randomUUID(), type)), EVENT);
    }

    /** A topic whose value subject holds events-value v3, as the CI register step would have left it. */
    private static String registeredTopic(EmbeddedKafka kafka, RegistryServer registry) {
        String topic = RegisteredSchemas.uniqueTopic("events");
        try (RegisteredSchemas schemas = new RegisteredSchemas(registry.url())) {
            schemas.registerValue(topic, "events-value", 3);
        }
        kafka.createTopic(topic, PARTITIONS);
        return topic;
    }

    private static AvroProducer.Builder<String, GenericRecord> builder(EmbeddedKafka kafka, RegistryServer registry) {
        return AvroProducer.<String, GenericRecord>builder().configs(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "schema.registry.url", registry.url(),
                "key.serializer", StringSerializer.class.getName()));
    }

    @Test
    void keyHashKeepsAKeyOnOnePartitionExactlyAsKafkaHashesIt(EmbeddedKafka kafka, RegistryServer registry) {
        String topic = registeredTopic(kafka, registry);
        try (AvroProducer<String, GenericRecord> producer = builder(kafka, registry).build()) {
            for (String key : List.of("alice", "bob", "carol", "dave", "erin")) {
                int expected = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
                for (int i = 0; i < 3; i++) {
                    assertThat(producer.send(topic, key, event("k")).partition()).as(key).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void roundRobinCyclesThroughThePartitionsIgnoringTheKey(EmbeddedKafka kafka, RegistryServer registry) {
        String topic = registeredTopic(kafka, registry);
        try (AvroProducer<String, GenericRecord> producer = builder(kafka, registry)
                .partitionStrategy(PartitionStrategy.ROUND_ROBIN).build()) {
            List<Integer> partitions = new ArrayList<>();
            for (int i = 0; i < 2 * PARTITIONS; i++) partitions.add(producer.send(topic, "same-key", event("rr")).partition());
            assertThat(partitions).containsExactly(0, 1, 2, 3, 0, 1, 2, 3);
        }
    }

    @Test
    void randomSpreadsOverValidPartitions(EmbeddedKafka kafka, RegistryServer registry) {
        String topic = registeredTopic(kafka, registry);
        try (AvroProducer<String, GenericRecord> producer = builder(kafka, registry)
                .config("partition.strategy", "random").build()) {
            List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>();
            for (int i = 0; i < 200; i++) sends.add(producer.sendAsync(topic, "same-key", event("r")));
            Set<Integer> used = new HashSet<>();
            for (CompletableFuture<RecordMetadata> send : sends) used.add(send.join().partition());
            // 200 uniform draws all missing a partition has probability 4 * (3/4)^200, about 10^-25
            assertThat(used).containsExactlyInAnyOrder(0, 1, 2, 3);
        }
    }

    @Test
    void aPartitionFunctionChoosesByTheValueAndAnExplicitPartitionWins(EmbeddedKafka kafka, RegistryServer registry) {
        String topic = registeredTopic(kafka, registry);
        Map<String, Integer> byType = Map.of("signup", 3, "purchase", 1);
        try (AvroProducer<String, GenericRecord> producer = builder(kafka, registry)
                .partitionFunction((t, key, value, count) -> byType.get(value.get("type").toString()) % count).build()) {
            assertThat(producer.send(topic, "k", event("signup")).partition()).isEqualTo(3);
            assertThat(producer.send(topic, "k", event("purchase")).partition()).isEqualTo(1);
            assertThat(producer.send(topic, 2, "k", event("signup")).partition()).isEqualTo(2);
        }
        try (AvroProducer<String, GenericRecord> producer = builder(kafka, registry)
                .partitionFunction((t, key, value, count) -> count).build()) {
            assertThatThrownBy(() -> producer.send(topic, "k", event("x")))
                    .isInstanceOf(ProduceException.class)
                    .hasMessageContaining("partition function chose partition 4 but topic " + topic + " has partitions 0 to 3");
        }
    }

    @Test
    void sendsToTheDefaultTopicSyncAndAsyncAndOffsetsGrow(EmbeddedKafka kafka, RegistryServer registry) {
        String topic = registeredTopic(kafka, registry);
        try (AvroProducer<String, GenericRecord> producer = builder(kafka, registry).defaultTopic(topic).build()) {
            RecordMetadata first = producer.send("k", event("a"));
            RecordMetadata second = producer.sendAsync("k", event("b")).join();
            assertThat(first.topic()).isEqualTo(topic);
            assertThat(second.partition()).isEqualTo(first.partition());
            assertThat(second.offset()).isEqualTo(first.offset() + 1);
        }
        try (AvroProducer<String, GenericRecord> producer = builder(kafka, registry).build()) {
            assertThatThrownBy(() -> producer.send("k", event("a")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("no default topic");
        }
    }

    @Test
    void byDefaultARecordWhoseSchemaIsNotRegisteredIsRefusedAtTheSource(EmbeddedKafka kafka, RegistryServer registry) {
        String topic = RegisteredSchemas.uniqueTopic("unregistered");
        kafka.createTopic(topic, 1);
        try (AvroProducer<String, GenericRecord> producer = builder(kafka, registry).build()) {
            assertThatThrownBy(() -> producer.send(topic, "k", event("a")))
                    .isInstanceOf(ProduceException.class)
                    .hasMessageContaining(topic + "-value");
            CompletableFuture<RecordMetadata> async = producer.sendAsync(topic, "k", event("a"));
            assertThat(async).isCompletedExceptionally();
        }
        Map<String, Object> optIn = new HashMap<>(Map.of("auto.register.schemas", true));
        try (AvroProducer<String, GenericRecord> producer = builder(kafka, registry).configs(optIn).build();
             RegisteredSchemas schemas = new RegisteredSchemas(registry.url())) {
            assertThat(producer.send(topic, "k", event("a")).offset()).isZero();
            assertThat(schemas.client().versions(topic + "-value")).containsExactly(1);
        }
    }
}
