package io.avrogate.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.consumer.ConsumerRunner;
import io.avrogate.consumer.ConsumerRunnerConfig;
import io.avrogate.registry.RegistryServer;
import io.avrogate.serde.AvroDeserializer;
import io.avrogate.serde.deadletter.DeadLetter;
import io.avrogate.serde.deadletter.DeadLetterHeaders;
import io.avrogate.serde.deadletter.DeadLetterStage;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumer runner and the bridge give up on the same undecodable records of one topic, each into its own
 * dead-letter topic, and both topics are read by the one parser ({@link DeadLetter#read}) with the same header
 * names: DLQ tooling and the console need to understand only one format.
 */
@ExtendWith(RegistryExtension.class)
class SharedDeadLetterFormatTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tempDir;
    AdClicksFixture fx;

    @BeforeEach
    void setUp(EmbeddedKafka kafka, RegistryServer registry) {
        fx = new AdClicksFixture(kafka, registry, tempDir, 1);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void theConsumerAndTheBridgeWriteTheSameDeadLetterHeadersForTheSameRecords(EmbeddedKafka kafka,
                                                                               RegistryServer registry) throws Exception {
        byte[] unknownId = fx.encode(AdClicksFixture.click(2));
        ByteBuffer.wrap(unknownId).putInt(1, 987_654);
        List<byte[][]> sent = List.of(
                new byte[][] {AdClicksFixture.key(1), fx.encode(AdClicksFixture.click(1))},
                new byte[][] {"junk".getBytes(StandardCharsets.UTF_8), "not avro at all".getBytes(StandardCharsets.UTF_8)},
                new byte[][] {AdClicksFixture.key(2), unknownId});
        fx.produce(sent);
        fx.readCommitted(fx.newTopic, r -> r.size() >= sent.size(), WAIT);

        List<ConsumerRecord<byte[], byte[]>> fromBridge;
        try (RunningBridge bridge = new RunningBridge(fx.bridgeProps("a"))) {
            fromBridge = fx.readCommitted(fx.dlqTopic, r -> r.size() >= 2, WAIT);
        }

        String consumerDlq = fx.newTopic + ".consumer-dlq";
        String group = "dlq-format-" + fx.newTopic;
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerRunnerConfig.TOPICS, fx.newTopic);
        config.put(ConsumerRunnerConfig.DEAD_LETTER_TOPIC, consumerDlq);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName());
        config.put("schema.registry.url", registry.url());
        kafka.createTopic(consumerDlq, 1);
        List<ConsumerRecord<byte[], byte[]>> fromConsumer;
        try (ConsumerRunner<byte[], GenericRecord> runner = ConsumerRunner.<byte[], GenericRecord>builder(config)
                .handler((record, ack) -> { })
                .build().start()) {
            fromConsumer = fx.readCommitted(consumerDlq, r -> r.size() >= 2, WAIT);
        }

        Map<Long, DeadLetter> bridgeByOffset = byOffset(fromBridge);
        Map<Long, DeadLetter> consumerByOffset = byOffset(fromConsumer);
        assertThat(bridgeByOffset).hasSize(2);
        assertThat(consumerByOffset.keySet()).isEqualTo(bridgeByOffset.keySet());
        for (long offset : bridgeByOffset.keySet()) {
            DeadLetter b = bridgeByOffset.get(offset);
            DeadLetter c = consumerByOffset.get(offset);
            assertThat(b.component()).isEqualTo("bridge");
            assertThat(c.component()).isEqualTo("consumer");
            for (DeadLetter letter : List.of(b, c)) {
                assertThat(letter.topic()).isEqualTo(fx.newTopic);
                assertThat(letter.partition()).isZero();
                assertThat(letter.stage()).isEqualTo(DeadLetterStage.VALUE_DESERIALIZATION);
                assertThat(letter.exceptionMessage()).isNotBlank();
            }
        }
        // The same Kafka Connect header names on both sides, so a tool written for either reads both.
        assertThat(connectHeaderNames(fromBridge)).isEqualTo(connectHeaderNames(fromConsumer))
                .contains(DeadLetterHeaders.TOPIC, DeadLetterHeaders.PARTITION, DeadLetterHeaders.OFFSET,
                        DeadLetterHeaders.STAGE, DeadLetterHeaders.EXCEPTION_CLASS_NAME,
                        DeadLetterHeaders.EXCEPTION_MESSAGE);
    }

    private static Map<Long, DeadLetter> byOffset(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<Long, DeadLetter> out = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            DeadLetter letter = DeadLetter.read(r.headers()).orElseThrow();
            out.put(letter.offset(), letter);
        }
        return out;
    }

    private static Set<String> connectHeaderNames(List<ConsumerRecord<byte[], byte[]>> records) {
        Set<String> names = new TreeSet<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            for (Header h : r.headers()) {
                if (h.key().startsWith(DeadLetterHeaders.CONNECT_PREFIX)) names.add(h.key());
            }
        }
        return names;
    }
}
