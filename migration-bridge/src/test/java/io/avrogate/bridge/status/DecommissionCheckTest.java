package io.avrogate.bridge.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.bridge.AdClicksTestAccess;
import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * 'bridge status' on the real broker: an old-topic consumer group that is reading makes it NOT SAFE; once the group
 * has gone quiet for the quiet period (the clock is the test's, the groups and offsets are real) it is SAFE; and a
 * bridge that has not caught up is never SAFE.
 */
@ExtendWith(RegistryExtension.class)
class DecommissionCheckTest {
    private static final Duration QUIET = Duration.ofMinutes(10);

    @TempDir
    Path tempDir;

    @Test
    void notSafeWhileAnOldConsumerReadsSafeAfterItWentQuietNotSafeWhileTheBridgeLags(EmbeddedKafka kafka, RegistryServer registry)
            throws Exception {
        AdClicksTestAccess fx = AdClicksTestAccess.create(kafka, registry, tempDir);
        fx.produceAndBridge(20);

        AtomicLong clock = new AtomicLong(System.currentTimeMillis());
        // One store for every sample below, as a running bridge keeps one: its clients are reused between samples.
        ObservationStore store = new ObservationStore(kafka.admin(), "_bridge-status-" + fx.suffix(), fx.clientProps());
        DecommissionCheck check = new DecommissionCheck(kafka.admin(), store, clock::get);
        String legacy = "legacy-dashboard-" + fx.suffix();

        try (KafkaConsumer<byte[], byte[]> old = oldConsumer(kafka, legacy)) {
            old.subscribe(List.of(fx.oldTopic()));
            int read = 0;
            long deadline = System.currentTimeMillis() + 30_000;
            while (read < 20 && System.currentTimeMillis() < deadline) read += old.poll(Duration.ofMillis(200)).count();
            old.commitSync();
            assertThat(read).isEqualTo(20);

            DecommissionReport active = check.run(fx.oldTopic(), fx.newTopic(), fx.group(), QUIET);
            assertThat(active.safe()).isFalse();
            assertThat(active.groups()).extracting(DecommissionReport.GroupStatus::group).containsExactly(legacy);
            assertThat(active.groups().get(0).activeMembers()).isEqualTo(1);
            assertThat(active.groups().get(0).lag()).isZero();
            assertThat(active.bridgeLag()).isZero();
            assertThat(active.render(java.time.Instant.ofEpochMilli(clock.get())))
                    .contains("NOT SAFE").contains(legacy + "' has 1 active member(s)");
        }

        clock.addAndGet(Duration.ofMinutes(1).toMillis());
        DecommissionReport recentlyActive = check.run(fx.oldTopic(), fx.newTopic(), fx.group(), QUIET);
        assertThat(recentlyActive.safe()).isFalse();
        assertThat(recentlyActive.reasons()).singleElement().asString().contains(legacy).contains("within the quiet period");

        clock.addAndGet(QUIET.toMillis());
        DecommissionReport quiet = check.run(fx.oldTopic(), fx.newTopic(), fx.group(), QUIET);
        assertThat(quiet.safe()).as("reasons: %s", quiet.reasons()).isTrue();
        assertThat(quiet.render(java.time.Instant.ofEpochMilli(clock.get()))).contains("SAFE to switch off");

        // New records on the new topic that the bridge (not running) has not bridged: not safe.
        fx.produceOnly(5);
        DecommissionReport lagging = check.run(fx.oldTopic(), fx.newTopic(), fx.group(), QUIET);
        assertThat(lagging.safe()).isFalse();
        assertThat(lagging.bridgeLag()).isEqualTo(5);
        assertThat(lagging.reasons()).singleElement().asString().contains("not caught up");
        store.close();
        fx.close();
    }

    @Test
    void aGroupFirstSeenIdleIsGivenTheWholeQuietPeriodBecauseItsPastIsUnknown(EmbeddedKafka kafka, RegistryServer registry)
            throws Exception {
        AdClicksTestAccess fx = AdClicksTestAccess.create(kafka, registry, tempDir);
        fx.produceAndBridge(3);
        String idle = "idle-report-" + fx.suffix();
        try (KafkaConsumer<byte[], byte[]> old = oldConsumer(kafka, idle)) {
            old.subscribe(List.of(fx.oldTopic()));
            long deadline = System.currentTimeMillis() + 30_000;
            int read = 0;
            while (read < 3 && System.currentTimeMillis() < deadline) read += old.poll(Duration.ofMillis(200)).count();
            old.commitSync();
        }
        AtomicLong clock = new AtomicLong(System.currentTimeMillis());
        try (ObservationStore store = new ObservationStore(kafka.admin(), "_bridge-status-" + fx.suffix(), fx.clientProps())) {
            DecommissionReport first = new DecommissionCheck(kafka.admin(), store, clock::get)
                    .run(fx.oldTopic(), fx.newTopic(), fx.group(), QUIET);
            assertThat(first.safe()).isFalse();
            assertThat(first.reasons()).singleElement().asString().contains("first observed just now");
        }

        // A second tool run (a new store object reading the same compacted topic) remembers the first sample.
        try (ObservationStore store = new ObservationStore(kafka.admin(), "_bridge-status-" + fx.suffix(), fx.clientProps())) {
            clock.addAndGet(QUIET.toMillis() + 1);
            assertThat(new DecommissionCheck(kafka.admin(), store, clock::get)
                    .run(fx.oldTopic(), fx.newTopic(), fx.group(), QUIET).safe()).isTrue();
        }
        fx.close();
    }

    @Test
    void aRunningBridgeRecordsObservationsOfTheOldTopicsGroups(EmbeddedKafka kafka, RegistryServer registry) throws Exception {
        AdClicksTestAccess fx = AdClicksTestAccess.create(kafka, registry, tempDir);
        fx.produceAndBridge(3);
        String reader = "reader-" + fx.suffix();
        try (KafkaConsumer<byte[], byte[]> old = oldConsumer(kafka, reader)) {
            old.subscribe(List.of(fx.oldTopic()));
            long deadline = System.currentTimeMillis() + 30_000;
            int read = 0;
            while (read < 3 && System.currentTimeMillis() < deadline) read += old.poll(Duration.ofMillis(200)).count();
            old.commitSync();
        }
        var props = fx.bridgeProps();
        props.put(io.avrogate.bridge.BridgeConfig.OBSERVE_INTERVAL_MS, "200");
        ObservationStore store = new ObservationStore(kafka.admin(), "_bridge-status-" + fx.suffix(), fx.clientProps());
        try (var bridge = fx.run(props)) {
            long deadline = System.currentTimeMillis() + 30_000;
            while (!store.load(fx.oldTopic()).containsKey(reader) && System.currentTimeMillis() < deadline) Thread.sleep(200);
        }
        GroupObservation seen = store.load(fx.oldTopic()).get(reader);
        store.close();
        assertThat(seen).as("the bridge sampled the old topic's groups").isNotNull();
        java.util.Map<Integer, Long> committed = new java.util.TreeMap<>();
        kafka.admin().listConsumerGroupOffsets(reader).partitionsToOffsetAndMetadata().get()
                .forEach((tp, om) -> committed.put(tp.partition(), om.offset()));
        assertThat(seen.offsets()).isEqualTo(committed);
        fx.close();
    }

    private static KafkaConsumer<byte[], byte[]> oldConsumer(EmbeddedKafka kafka, String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }
}
