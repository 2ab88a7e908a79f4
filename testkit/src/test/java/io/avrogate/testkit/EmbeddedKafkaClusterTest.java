package io.avrogate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A real 3-broker cluster through broker faults; one cluster for the class, whole again before each test. */
@Tag("cluster")
@KafkaCluster(brokers = 3)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EmbeddedKafkaClusterTest {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaClusterTest.class);
    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final Map<String, String> MIN_ISR_2 = Map.of("min.insync.replicas", "2");

    @Test
    void threeBrokersReplicateATopicAndACleanStopMovesLeadershipFirst(EmbeddedKafkaCluster cluster) throws Exception {
        try (Admin admin = cluster.admin()) {
            assertThat(admin.describeCluster().nodes().get().stream().map(Node::id)).containsExactlyInAnyOrder(1, 2, 3);
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
            Config config = admin.describeConfigs(Set.of(broker)).all().get().get(broker);
            assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
            assertThat(config.get("transaction.state.log.replication.factor").value()).isEqualTo("3");
        }
        String topic = "replicated-" + UUID.randomUUID();
        cluster.createTopic(topic, 3);   // min(3, brokers) replicas by default
        cluster.waitUntilFullyReplicated(topic, WAIT);
        int leader = cluster.leaderOf(topic, 0).orElseThrow();

        cluster.stopBroker(leader);
        // A controlled shutdown hands leadership over before the broker goes; a kill would leave it until fencing.
        assertThat(cluster.leaderOf(topic, 0)).isPresent();
        assertThat(cluster.leaderOf(topic, 0).getAsInt()).isNotEqualTo(leader);
        assertThat(cluster.isRunning(leader)).isFalse();

        cluster.restartBroker(leader);
        cluster.waitForIsr(topic, 3, WAIT);
        assertThat(cluster.isRunning(leader)).isTrue();
    }

    @Test
    void idempotentAcksAllWritesContinueThroughALeaderKillExactlyOnce(EmbeddedKafkaCluster cluster) throws Exception {
        String topic = "failover-" + UUID.randomUUID();
        cluster.createTopic(topic, 1, 3, MIN_ISR_2);
        int leader = cluster.leaderOf(topic, 0).orElseThrow();
        List<Long> acknowledged = Collections.synchronizedList(new ArrayList<>());
        List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
        AtomicLong firstAckAfterKill = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        long sent;
        try (KafkaProducer<Long, Long> producer = producer(cluster, Map.of())) {
            Thread sender = new Thread(() -> {
                for (long i = 0; !stop.get(); i++) {
                    long value = i;
                    long sentAt = System.nanoTime();
                    producer.send(new ProducerRecord<>(topic, value, value), (metadata, e) -> {
                        if (e != null) {
                            failures.add(e);
                            return;
                        }
                        acknowledged.add(value);
                        if (sentAt > killedAt.get()) firstAckAfterKill.compareAndSet(0, System.nanoTime());
                    });
                    KafkaNodes.sleep(1);   // ~1,000 records/s: a steady stream, not a backlog
                }
            }, "failover-sender");
            sender.start();
            await(() -> acknowledged.size() >= 500, "500 acknowledgements before the kill");

            long killStarted = System.nanoTime();
            cluster.killBroker(leader);
            killedAt.set(System.nanoTime());
            int newLeader = cluster.awaitLeaderChange(topic, 0, leader, WAIT);
            long leaderMoved = System.nanoTime();
            await(() -> firstAckAfterKill.get() != 0, "an acknowledgement of a record sent after the kill");
            int afterFailover = acknowledged.size();
            await(() -> acknowledged.size() >= afterFailover + 500, "500 more acknowledgements after the failover");
            stop.set(true);
            sender.join();
            producer.flush();
            sent = acknowledged.size() + failures.size();
            // Measured from the start of the kill: the node stops serving at once, its shutdown then takes a while.
            log.info("leader failover: broker {} killed (its shutdown took {} ms); broker {} leads {} ms after the kill began;"
                            + " writes acknowledged again after {} ms; {} records sent", leader, millis(killStarted, killedAt.get()),
                    newLeader, millis(killStarted, leaderMoved), millis(killStarted, firstAckAfterKill.get()), sent);
        }
        assertThat(failures).isEmpty();

        cluster.restartBroker(leader);
        Duration isrRecovery = cluster.waitForIsr(topic, 3, WAIT);
        log.info("ISR back to 3 replicas {} ms after broker {} was restarted", isrRecovery.toMillis(), leader);

        List<Long> expected = LongStream.range(0, sent).boxed().toList();
        assertThat(acknowledged).containsExactlyElementsOf(expected);
        // Every acknowledged record once, in order: no loss, and no duplicate from the producer's retries.
        assertThat(readAll(cluster, topic, "read_uncommitted")).containsExactlyElementsOf(expected);
    }

    @Test
    void aTransactionCommitsAcrossALeaderKill(EmbeddedKafkaCluster cluster) throws Exception {
        String topic = "tx-failover-" + UUID.randomUUID();
        cluster.createTopic(topic, 1, 3, MIN_ISR_2);
        int leader = cluster.leaderOf(topic, 0).orElseThrow();
        try (KafkaProducer<Long, Long> producer = producer(cluster,
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + UUID.randomUUID()))) {
            producer.initTransactions();
            producer.beginTransaction();
            for (long i = 0; i < 100; i++) producer.send(new ProducerRecord<>(topic, i, i));
            producer.flush();

            cluster.killBroker(leader);
            long killed = System.nanoTime();
            for (long i = 100; i < 200; i++) producer.send(new ProducerRecord<>(topic, i, i));
            producer.commitTransaction();
            log.info("transaction committed {} ms after its partition's leader, broker {}, was killed",
                    millis(killed, System.nanoTime()), leader);
        }
        cluster.restartBroker(leader);
        cluster.waitUntilFullyReplicated(topic, WAIT);
        assertThat(readAll(cluster, topic, "read_committed")).containsExactlyElementsOf(LongStream.range(0, 200).boxed().toList());
    }

    private static KafkaProducer<Long, Long> producer(EmbeddedKafkaCluster cluster, Map<String, Object> extra) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.putAll(extra);
        return new KafkaProducer<>(p, new LongSerializer(), new LongSerializer());
    }

    /** Partition 0 from the beginning to its end offset, without a consumer group. */
    private static List<Long> readAll(EmbeddedKafkaCluster cluster, String topic, String isolation) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        TopicPartition partition = new TopicPartition(topic, 0);
        List<Long> values = new ArrayList<>();
        try (KafkaConsumer<Long, Long> consumer = new KafkaConsumer<>(p, new LongDeserializer(), new LongDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("no " + what + " within " + WAIT.toSeconds() + " s");
            KafkaNodes.sleep(20);
        }
    }

    private static long millis(long fromNanos, long toNanos) {
        return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
    }
}
