package io.avrogate.consumer;

import static io.avrogate.consumer.Fixtures.await;
import static io.avrogate.consumer.Fixtures.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.registry.RegistryServer;
import io.avrogate.serde.deadletter.DeadLetter;
import io.avrogate.serde.deadletter.DeadLetterStage;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 10,000 valid Avro records with 100 malformed ones mixed in, on the real broker and registry: every valid record is
 * handled, every malformed one lands in the dead-letter topic with its original bytes and headers plus the reason,
 * the consumer keeps running, and at the end every offset is committed.
 */
@ExtendWith(RegistryExtension.class)
class PoisonPillTest {
    private static final int VALID = 10_000;
    private static final int MALFORMED = 100;

    /** The three kinds of poison a consumer meets, each with the message our deserializer gives it. */
    private enum Poison {
        WRONG_MAGIC_BYTE("Unknown magic byte"),
        UNKNOWN_SCHEMA_ID("schema for id"),
        TRUNCATED("truncated");

        final String reason;

        Poison(String reason) {
            this.reason = reason;
        }

        byte[] spoil(byte[] valid) {
            return switch (this) {
                case WRONG_MAGIC_BYTE -> {
                    byte[] bytes = valid.clone();
                    bytes[0] = 0x01;
                    yield bytes;
                }
                case UNKNOWN_SCHEMA_ID -> {
                    byte[] bytes = valid.clone();
                    ByteBuffer.wrap(bytes, 1, 4).putInt(987_654_321);
                    yield bytes;
                }
                case TRUNCATED -> Arrays.copyOf(valid, valid.length - 3); // ends inside the sensor string
            };
        }
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicAndConsumptionContinues(EmbeddedKafka kafka, RegistryServer registry) {
        String topic = Fixtures.unique("poison");
        String deadLetterTopic = topic + ".dlq";
        String group = Fixtures.unique("poison-group");
        Fixtures.createTopic(kafka, topic, 3);
        Fixtures.createTopic(kafka, deadLetterTopic, 1);

        // Valid records 0..9999; after every 100th a malformed copy of it, cycling through the three kinds.
        List<ProducerRecord<byte[], byte[]>> valid = Fixtures.readings(registry, topic, 0, VALID);
        List<ProducerRecord<byte[], byte[]>> all = new ArrayList<>();
        List<Integer> malformedIndexes = new ArrayList<>();
        Map<Integer, Poison> poisonAt = new HashMap<>();
        for (int i = 0; i < VALID; i++) {
            all.add(valid.get(i));
            if (i % 100 == 50) {
                Poison poison = Poison.values()[malformedIndexes.size() % 3];
                ProducerRecord<byte[], byte[]> bad = new ProducerRecord<>(topic, null, ("poison-" + i)
                        .getBytes(StandardCharsets.UTF_8), poison.spoil(valid.get(i).value()));
                bad.headers().add("trace-id", ("trace-" + i).getBytes(StandardCharsets.UTF_8));
                poisonAt.put(all.size(), poison);
                malformedIndexes.add(all.size());
                all.add(bad);
            }
        }
        assertThat(malformedIndexes).hasSize(MALFORMED);
        List<RecordMetadata> written = Fixtures.produce(kafka, all);

        Set<Long> handledIds = ConcurrentHashMap.newKeySet();
        Map<String, Object> config = Fixtures.runnerConfig(kafka, registry, topic, group);
        config.put(ConsumerRunnerConfig.DEAD_LETTER_TOPIC, deadLetterTopic);
        try (ConsumerRunner<String, GenericRecord> runner = ConsumerRunner.<String, GenericRecord>builder(config)
                .handler((record, ack) -> handledIds.add((Long) record.value().get("id")))
                .build().start()) {
            await(Duration.ofSeconds(120), () -> runner.metrics().handled() == VALID
                            && runner.metrics().deadLettered() == MALFORMED,
                    () -> "handled and dead-lettered: " + runner.metrics());

            assertThat(handledIds).hasSize(VALID);
            assertThat(runner.metrics().deserializationFailures()).isEqualTo(MALFORMED);
            assertThat(runner.isRunning()).as("the consumer is still running after 100 poison pills").isTrue();

            // Still consuming: records produced after the poison are handled too.
            Fixtures.produce(kafka, Fixtures.readings(registry, topic, VALID, VALID + 10));
            await(Duration.ofSeconds(60), () -> handledIds.size() == VALID + 10, () -> "handled " + handledIds.size());

            // Nothing lost: the group has committed every offset of every partition.
            Map<?, Long> end = Fixtures.endOffsets(kafka, topic);
            await(Duration.ofSeconds(30), () -> Fixtures.committed(kafka, group).equals(end),
                    () -> "committed " + Fixtures.committed(kafka, group) + ", end " + end);
        }

        List<ConsumerRecord<byte[], byte[]>> deadLetters = Fixtures.readAll(kafka, deadLetterTopic);
        assertThat(deadLetters).hasSize(MALFORMED);
        Map<String, ConsumerRecord<byte[], byte[]>> byOrigin = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> letter : deadLetters) {
            DeadLetter reason = DeadLetter.read(letter.headers()).orElseThrow();
            byOrigin.put(reason.partition() + "@" + reason.offset(), letter);
        }
        assertThat(byOrigin).as("one dead letter per malformed record").hasSize(MALFORMED);
        for (int index : malformedIndexes) {
            RecordMetadata origin = written.get(index);
            ProducerRecord<byte[], byte[]> sent = all.get(index);
            ConsumerRecord<byte[], byte[]> letter = byOrigin.get(origin.partition() + "@" + origin.offset());
            assertThat(letter).as("dead letter of %s", origin).isNotNull();
            assertThat(letter.key()).isEqualTo(sent.key());
            assertThat(letter.value()).isEqualTo(sent.value());
            assertThat(header(letter, "trace-id")).as("original header kept").isEqualTo("trace-" + (new String(
                    sent.key(), StandardCharsets.UTF_8).substring("poison-".length())));
            DeadLetter reason = DeadLetter.read(letter.headers()).orElseThrow();
            assertThat(reason.topic()).isEqualTo(topic);
            assertThat(reason.timestamp()).isEqualTo(origin.timestamp());
            assertThat(reason.component()).isEqualTo("consumer");
            assertThat(reason.stage()).isEqualTo(DeadLetterStage.VALUE_DESERIALIZATION);
            assertThat(reason.exceptionClass()).isEqualTo(SerializationException.class.getName());
            assertThat(reason.exceptionMessage()).contains(poisonAt.get(index).reason);
            assertThat(reason.attempts()).isZero();
            assertThat(reason.groupId()).isEqualTo(group);
        }
    }
}
