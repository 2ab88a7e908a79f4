package io.avrogate.consumer;

import static io.avrogate.consumer.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two consumers of one group in async mode, the second joining while the first has acknowledgements outstanding.
 * The guarantee: before a revoked partition is given up, its records in flight get {@code revocation.timeout.ms} to
 * be acknowledged and are committed, so a handover duplicates nothing when they make it in time; a record that does
 * not is processed again by the next owner, with the records after it in its partition, and nothing is skipped.
 */
@ExtendWith(RegistryExtension.class)
class RevocationTest {
    private final ScheduledExecutorService workers = Executors.newScheduledThreadPool(4);
    /** How often each {@code partition:offset} was processed (acknowledged), by either member. */
    private final Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    @Test
    void aMemberJoiningLaterNeitherSkipsNorDuplicatesWhenInFlightRecordsDrainInTime(EmbeddedKafka kafka,
            RegistryServer registry) throws Exception {
        String topic = Fixtures.unique("rebalance");
        String group = Fixtures.unique("rebalance-group");
        Fixtures.createTopic(kafka, topic, 4);
        List<RecordMetadata> written = new ArrayList<>(Fixtures.produce(kafka, Fixtures.readings(registry, topic, 0, 3_000)));

        Set<String> byFirst = ConcurrentHashMap.newKeySet();
        Set<String> bySecond = ConcurrentHashMap.newKeySet();
        Map<String, Object> config = Fixtures.runnerConfig(kafka, registry, topic, group);
        config.put(ConsumerRunnerConfig.ACK_MODE, "async");
        // Slow enough (50 records in flight, 100 to 200 ms each) that the second member joins mid-stream, and the
        // rebalance meets records in flight.
        config.put(ConsumerRunnerConfig.MAX_IN_FLIGHT_RECORDS, 50);
        try (ConsumerRunner<String, GenericRecord> first = runner(config, byFirst, 11, 100, r -> false).start()) {
            await(Duration.ofSeconds(60), () -> byFirst.size() >= 500, () -> "first: " + byFirst.size());
            try (ConsumerRunner<String, GenericRecord> second = runner(config, bySecond, 12, 100, r -> false).start()) {
                written.addAll(Fixtures.produce(kafka, Fixtures.readings(registry, topic, 3_000, 4_000)));
                awaitAllProcessedAndCommitted(kafka, topic, group, coordinates(written));
                assertThat(bySecond).as("the second member took over partitions").isNotEmpty();
                assertThat(byFirst).as("the first member kept some").isNotEmpty();
            }
        }
        assertThat(duplicates(r -> true)).as("records processed more than once").isEmpty();
    }

    @Test
    void aRecordNotAcknowledgedWithinTheRevocationTimeoutGoesToTheNextOwnerAndNothingIsSkipped(EmbeddedKafka kafka,
            RegistryServer registry) throws Exception {
        String topic = Fixtures.unique("rebalance-late");
        String group = Fixtures.unique("rebalance-late-group");
        Fixtures.createTopic(kafka, topic, 2);
        List<RecordMetadata> written = Fixtures.produce(kafka, Fixtures.readings(registry, topic, 0, 400));
        RecordMetadata held = written.stream().filter(m -> m.partition() == 0).skip(50).findFirst().orElseThrow();
        AtomicBoolean heldOnce = new AtomicBoolean();
        // The first delivery of `held` is never acknowledged; every other record is, quickly.
        Predicate<ConsumerRecord<?, ?>> holdBack = r -> r.partition() == held.partition()
                && r.offset() == held.offset() && heldOnce.compareAndSet(false, true);

        Map<String, Object> config = Fixtures.runnerConfig(kafka, registry, topic, group);
        config.put(ConsumerRunnerConfig.ACK_MODE, "async");
        config.put(ConsumerRunnerConfig.REVOCATION_TIMEOUT_MS, 1_000);
        // The held-back record is never acknowledged: close need not wait the default 30 s for it.
        config.put(ConsumerRunnerConfig.SHUTDOWN_TIMEOUT_MS, 1_000);
        try (ConsumerRunner<String, GenericRecord> first = runner(config, ConcurrentHashMap.newKeySet(), 21, 0, holdBack)
                .start()) {
            await(Duration.ofSeconds(60), () -> processed.size() == written.size() - 1,
                    () -> "first processed " + processed.size());
            TopicPartition heldPartition = new TopicPartition(topic, held.partition());
            await(Duration.ofSeconds(10), () -> Long.valueOf(held.offset()).equals(
                    Fixtures.committed(kafka, group).get(heldPartition)),
                    () -> "committed " + Fixtures.committed(kafka, group) + ", held back " + held.offset());
            Thread.sleep(300); // a few more commit intervals: still nothing past the unacknowledged record
            assertThat(Fixtures.committed(kafka, group).get(heldPartition)).isEqualTo(held.offset());
            try (ConsumerRunner<String, GenericRecord> second = runner(config, ConcurrentHashMap.newKeySet(), 22, 0,
                    r -> false).start()) {
                awaitAllProcessedAndCommitted(kafka, topic, group, coordinates(written));
            }
        }
        assertThat(duplicates(key -> partitionOf(key) != held.partition()))
                .as("no duplicates in the partition whose records were all acknowledged").isEmpty();
        assertThat(duplicates(key -> partitionOf(key) == held.partition() && offsetOf(key) < held.offset()))
                .as("no duplicates before the unacknowledged record").isEmpty();
        assertThat(processed.get(held.partition() + ":" + held.offset())).as("the held-back record, processed once")
                .hasValue(1);
    }

    private void awaitAllProcessedAndCommitted(EmbeddedKafka kafka, String topic, String group, Set<String> expected) {
        await(Duration.ofSeconds(90), () -> processed.keySet().containsAll(expected), () -> {
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(processed.keySet());
            return missing.size() + " never processed, e.g. " + missing.stream().limit(10).toList();
        });
        Map<TopicPartition, Long> end = Fixtures.endOffsets(kafka, topic);
        await(Duration.ofSeconds(30), () -> Fixtures.committed(kafka, group).equals(end),
                () -> "committed " + Fixtures.committed(kafka, group) + ", end " + end);
    }

    /**
     * A runner whose handler acknowledges each record after {@code minDelayMs} plus up to 100 ms at random, unless
     * {@code neverAck} says no.
     */
    private ConsumerRunner<String, GenericRecord> runner(Map<String, Object> config, Set<String> mine, long seed,
            int minDelayMs, Predicate<ConsumerRecord<?, ?>> neverAck) {
        Random random = new Random(seed);
        return ConsumerRunner.<String, GenericRecord>builder(config)
                .handler((record, ack) -> {
                    if (neverAck.test(record)) return;
                    int delay;
                    synchronized (random) {
                        delay = minDelayMs + random.nextInt(100);
                    }
                    workers.schedule(() -> {
                        String key = record.partition() + ":" + record.offset();
                        mine.add(key);
                        processed.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                        ack.acknowledge();
                    }, delay, TimeUnit.MILLISECONDS);
                })
                .build();
    }

    private Map<String, Integer> duplicates(Predicate<String> which) {
        return processed.entrySet().stream().filter(e -> e.getValue().get() > 1 && which.test(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    private static Set<String> coordinates(List<RecordMetadata> written) {
        Set<String> out = new HashSet<>();
        for (RecordMetadata m : written) out.add(m.partition() + ":" + m.offset());
        return out;
    }

    private static int partitionOf(String key) {
        return Integer.parseInt(key.substring(0, key.indexOf(':')));
    }

    private static long offsetOf(String key) {
        return Long.parseLong(key.substring(key.indexOf(':') + 1));
    }
}
