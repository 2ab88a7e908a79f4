package io.avrogate.consumer;

import static io.avrogate.consumer.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the runner refuses to do: skip a record it could not park, start past unread records, auto-commit. */
@ExtendWith(RegistryExtension.class)
class SafetyTest {

    @Test
    void withoutADeadLetterTopicABadRecordStopsTheRunnerUncommitted(EmbeddedKafka kafka, RegistryServer registry) {
        String topic = Fixtures.unique("no-dlq");
        String group = Fixtures.unique("no-dlq-group");
        Fixtures.createTopic(kafka, topic, 1);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(Fixtures.readings(registry, topic, 0, 2));
        records.add(1, new ProducerRecord<>(topic, "not avro".getBytes(StandardCharsets.UTF_8)));
        Fixtures.produce(kafka, records);

        Set<Long> handled = ConcurrentHashMap.newKeySet();
        try (ConsumerRunner<String, GenericRecord> runner = ConsumerRunner.<String, GenericRecord>builder(
                Fixtures.runnerConfig(kafka, registry, topic, group))
                .handler((record, ack) -> handled.add(record.offset())).build().start()) {
            await(Duration.ofSeconds(60), () -> runner.failure() != null && !runner.isRunning(),
                    () -> "runner still running, handled " + handled);
            assertThat(runner.failure()).hasMessageContaining("no dead.letter.topic is configured")
                    .hasMessageContaining(topic + "-0@1");
        }
        assertThat(handled).containsExactly(0L);
        assertThat(Fixtures.committed(kafka, group)).as("committed up to, not past, the bad record")
                .containsEntry(new TopicPartition(topic, 0), 1L);
    }

    @Test
    void startPositionLatestSkipsOldRecordsOnlyOnTheFirstStart(EmbeddedKafka kafka, RegistryServer registry) {
        String topic = Fixtures.unique("latest");
        String group = Fixtures.unique("latest-group");
        Fixtures.createTopic(kafka, topic, 1);
        Fixtures.produce(kafka, Fixtures.readings(registry, topic, 0, 5)); // before the group existed
        Map<String, Object> config = Fixtures.runnerConfig(kafka, registry, topic, group);
        config.put(ConsumerRunnerConfig.START_POSITION, "latest");

        Set<Long> handled = ConcurrentHashMap.newKeySet();
        try (ConsumerRunner<String, GenericRecord> runner = ConsumerRunner.<String, GenericRecord>builder(config)
                .handler((record, ack) -> handled.add((Long) record.value().get("id"))).build().start()) {
            // The start is committed at once: the group's position exists before any record arrives.
            await(Duration.ofSeconds(60), () -> Fixtures.committed(kafka, group).containsKey(new TopicPartition(topic, 0)),
                    () -> "no start offset committed");
        }
        Fixtures.produce(kafka, Fixtures.readings(registry, topic, 5, 8)); // while no member runs
        try (ConsumerRunner<String, GenericRecord> runner = ConsumerRunner.<String, GenericRecord>builder(config)
                .handler((record, ack) -> handled.add((Long) record.value().get("id"))).build().start()) {
            await(Duration.ofSeconds(60), () -> handled.size() == 3, () -> "handled " + handled);
        }
        assertThat(handled).containsExactlyInAnyOrder(5L, 6L, 7L);
    }

    @Test
    void autoCommitAndAMissingGroupAreRefused() {
        Map<String, Object> base = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9",
                ConsumerRunnerConfig.TOPICS, "t");
        RecordHandler<String, String> handler = (record, ack) -> {};
        assertThatThrownBy(() -> ConsumerRunner.<String, String>builder(base).handler(handler).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("group.id");
        Map<String, Object> autoCommit = new java.util.HashMap<>(base);
        autoCommit.put(ConsumerConfig.GROUP_ID_CONFIG, "g");
        autoCommit.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true");
        assertThatThrownBy(() -> ConsumerRunner.<String, String>builder(autoCommit).handler(handler).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("enable.auto.commit");
        Map<String, Object> noDeserializer = new java.util.HashMap<>(base);
        noDeserializer.put(ConsumerConfig.GROUP_ID_CONFIG, "g");
        assertThatThrownBy(() -> ConsumerRunner.<String, String>builder(noDeserializer).handler(handler).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("key.deserializer");
    }
}
