package io.avrogate.consumer;

import static io.avrogate.consumer.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two consumers of one group, the second joining while the first has acknowledgements outstanding: partitions move
 * from the first to the second (revocation commits what is safe, the rest is redelivered), and no record is skipped.
 */
@ExtendWith(RegistryExtension.class)
class RevocationTest {

    @Test
    void aMemberJoiningLaterCausesNoSkippedRecord(EmbeddedKafka kafka, RegistryServer registry) throws Exception {
        String topic = Fixtures.unique("rebalance");
        String group = Fixtures.unique("rebalance-group");
        Fixtures.createTopic(kafka, topic, 4);
        List<RecordMetadata> written = Fixtures.produce(kafka, Fixtures.readings(registry, topic, 0, 3_000));

        Set<String> processedByFirst = ConcurrentHashMap.newKeySet();
        Set<String> processedBySecond = ConcurrentHashMap.newKeySet();
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(4);
        Map<String, Object> config = Fixtures.runnerConfig(kafka, registry, topic, group);
        config.put(ConsumerRunnerConfig.ACK_MODE, "async");
        // Slow enough (about 10 records in flight, up to 40 ms each) that the second member joins mid-stream.
        config.put(ConsumerRunnerConfig.MAX_IN_FLIGHT_RECORDS, 10);
        try (ConsumerRunner<String, GenericRecord> first = runner(config, workers, processedByFirst, 11).start()) {
            await(Duration.ofSeconds(60), () -> processedByFirst.size() >= 500, () -> "first: " + processedByFirst.size());
            try (ConsumerRunner<String, GenericRecord> second = runner(config, workers, processedBySecond, 12).start()) {
                written = new java.util.ArrayList<>(written);
                written.addAll(Fixtures.produce(kafka, Fixtures.readings(registry, topic, 3_000, 4_000)));
                Set<String> expected = new HashSet<>();
                for (RecordMetadata m : written) expected.add(m.partition() + ":" + m.offset());
                await(Duration.ofSeconds(90), () -> union(processedByFirst, processedBySecond).containsAll(expected),
                        () -> {
                            Set<String> missing = new HashSet<>(expected);
                            missing.removeAll(union(processedByFirst, processedBySecond));
                            return missing.size() + " never processed, e.g. " + missing.stream().limit(10).toList();
                        });
                Map<TopicPartition, Long> end = Fixtures.endOffsets(kafka, topic);
                await(Duration.ofSeconds(30), () -> Fixtures.committed(kafka, group).equals(end),
                        () -> "committed " + Fixtures.committed(kafka, group) + ", end " + end);
                assertThat(processedBySecond).as("the second member took over partitions").isNotEmpty();
                assertThat(processedByFirst).as("the first member kept some").isNotEmpty();
            }
        } finally {
            workers.shutdownNow();
        }
    }

    private static ConsumerRunner<String, GenericRecord> runner(Map<String, Object> config,
            ScheduledExecutorService workers, Set<String> processed, long seed) {
        Random random = new Random(seed);
        return ConsumerRunner.<String, GenericRecord>builder(config)
                .handler((record, ack) -> {
                    int delay;
                    synchronized (random) {
                        delay = random.nextInt(40);
                    }
                    workers.schedule(() -> {
                        processed.add(record.partition() + ":" + record.offset());
                        ack.acknowledge();
                    }, delay, TimeUnit.MILLISECONDS);
                })
                .build();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return out;
    }
}
