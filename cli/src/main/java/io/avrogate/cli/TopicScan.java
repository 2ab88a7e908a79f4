package io.avrogate.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a whole topic, from the beginning to the end offsets it has when the scan starts, as raw bytes. It assigns
 * the partitions itself and seeks: no consumer group is joined and nothing is committed, so looking at a topic
 * (a dead-letter topic, or a target topic for what was already replayed) never moves anyone's offsets.
 */
final class TopicScan {
    private static final Duration STALL = Duration.ofSeconds(30);

    private TopicScan() {}

    static void forEach(Map<String, Object> settings, String topic, Consumer<ConsumerRecord<byte[], byte[]>> action) {
        Map<String, Object> config = new HashMap<>();
        settings.forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k)) config.put(k, v);
        });
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Only what producers committed: an aborted replay must not count as replayed.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, KafkaProbe.TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) throw new Failure("topic " + topic + " does not exist");
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, KafkaProbe.TIMEOUT);
            long lastProgress = System.nanoTime();
            while (!reached(consumer, end)) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) lastProgress = System.nanoTime();
                else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                    throw new Failure("reading " + topic + " made no progress for " + STALL.toSeconds() + " s");
                }
                records.forEach(action);
            }
        }
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (var entry : end.entrySet()) {
            if (consumer.position(entry.getKey()) < entry.getValue()) return false;
        }
        return true;
    }
}
