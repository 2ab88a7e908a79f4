package io.avrogate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import kafka.server.BrokerServer;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka cluster in this JVM: N KRaft nodes (3 by default), each a combined broker and controller, with
 * ids 1..N, on free loopback ports, each with its own log directory. Broker faults for tests:
 * <ul>
 *   <li>{@link #stopBroker} is a clean stop: a controlled shutdown (the controller moves the broker's partition
 *       leaderships away first), then the node stops.</li>
 *   <li>{@link #killBroker} is as abrupt as a broker in the same JVM can die: no controlled shutdown, so nobody is
 *       told; the node stops serving and closes every connection at once, and its controller leaves the quorum.
 *       Its partitions keep it as leader until the active controller misses its heartbeats for
 *       {@code broker.session.timeout.ms} (6 s here) and fences it, as after a {@code kill -9}. Unlike a killed
 *       process, its in-memory state is flushed and its files closed; the clean-shutdown marker is then deleted, so a
 *       restart recovers its logs as after a crash. Data in the page cache survives, as with a real {@code kill -9}
 *       (only a machine crash loses it).</li>
 *   <li>{@link #restartBroker} starts a stopped or killed node again with the same id, ports and log directory.</li>
 * </ul>
 * Cluster defaults for tests: internal topics and {@code default.replication.factor} get min(3, N) replicas,
 * {@code min.insync.replicas} and the transaction log's min ISR are 2 from three brokers on (1 below). A majority of
 * the nodes must run for the controller quorum to work: with 3 nodes, kill at most one at a time.
 */
public final class EmbeddedKafkaCluster implements InProcessKafka {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
    /** {@code CleanShutdownFileHandler.CLEAN_SHUTDOWN_FILE_NAME} in kafka-storage. */
    private static final String CLEAN_SHUTDOWN_MARKER = ".kafka_cleanshutdown";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final List<Node> nodes;
    private final Path dataDir;
    private final boolean deleteOnClose;
    private final String clusterId;
    private final String bootstrapServers;

    /** One node: what it needs to start again after a stop or kill, and the server while it runs. */
    private static final class Node {
        final int id;
        final int brokerPort;
        final Path logDir;
        final Properties props;
        volatile KafkaRaftServer server;

        Node(int id, int brokerPort, Path logDir, Properties props) {
            this.id = id;
            this.brokerPort = brokerPort;
            this.logDir = logDir;
            this.props = props;
        }
    }

    private EmbeddedKafkaCluster(List<Node> nodes, Path dataDir, boolean deleteOnClose, String clusterId) {
        this.nodes = nodes;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.clusterId = clusterId;
        this.bootstrapServers = nodes.stream().map(n -> "127.0.0.1:" + n.brokerPort).collect(Collectors.joining(","));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A cluster of {@code brokers} nodes with the default settings and a temporary data directory. */
    public static EmbeddedKafkaCluster start(int brokers) {
        return builder().brokers(brokers).start();
    }

    /** Every broker's client listener, stopped ones included (clients skip those), for {@code bootstrap.servers}. */
    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String clusterId() {
        return clusterId;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Broker ids, 1..N. */
    public List<Integer> brokerIds() {
        return nodes.stream().map(n -> n.id).toList();
    }

    public boolean isRunning(int brokerId) {
        return node(brokerId).server != null;
    }

    /** Creates a topic with min(3, N) replicas; see {@link #createTopic(String, int, int, Map)}. */
    @Override
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        createTopic(name, partitions, Math.min(3, nodes.size()), configs);
    }

    /** Creates a topic and returns once every partition's leader answers, so producers may start at once. */
    public void createTopic(String name, int partitions, int replicationFactor, Map<String, String> configs) {
        try (Admin admin = admin()) {
            KafkaNodes.createTopic(admin, new NewTopic(name, partitions, (short) replicationFactor).configs(configs));
        }
    }

    /** The broker that leads the partition in the cluster's metadata, or empty while it has none. */
    public OptionalInt leaderOf(String topic, int partition) {
        TopicPartitionInfo info = describe(topic).partitions().get(partition);
        return info.leader() == null || info.leader().isEmpty() ? OptionalInt.empty() : OptionalInt.of(info.leader().id());
    }

    /** Waits until the partition is led by a broker other than {@code formerLeader} and returns it. */
    public int awaitLeaderChange(String topic, int partition, int formerLeader, Duration timeout) {
        awaitPartitions(topic, timeout, "a leader other than " + formerLeader + " for partition " + partition,
                d -> {
                    TopicPartitionInfo p = d.partitions().get(partition);
                    return p.leader() != null && !p.leader().isEmpty() && p.leader().id() != formerLeader;
                });
        return leaderOf(topic, partition).orElseThrow();
    }

    /** Waits until every partition of the topic has at least {@code minIsr} in-sync replicas; returns the time it took. */
    public Duration waitForIsr(String topic, int minIsr, Duration timeout) {
        return awaitPartitions(topic, timeout, "an ISR of at least " + minIsr + " on every partition",
                d -> d.partitions().stream().allMatch(p -> p.isr().size() >= minIsr));
    }

    /** Waits until every replica of every partition of the topic is in sync; returns the time it took. */
    public Duration waitUntilFullyReplicated(String topic, Duration timeout) {
        return awaitPartitions(topic, timeout, "every replica in sync",
                d -> d.partitions().stream().allMatch(p -> p.isr().size() == p.replicas().size()));
    }

    /** Stops a broker cleanly: a controlled shutdown moves its leaderships away, then the node stops. */
    public void stopBroker(int brokerId) {
        Node node = running(brokerId);
        // Every node runs with controlled.shutdown.enable=false so that a kill is not controlled; a clean stop asks
        // for the controlled shutdown itself, as BrokerServer.shutdown would with the setting on.
        BrokerServer broker = brokerOf(node.server);
        broker.replicaManager().beginControlledShutdown();
        broker.lifecycleManager().beginControlledShutdown();
        try {
            broker.lifecycleManager().controlledShutdownFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("broker {}: the controller did not approve the controlled shutdown ({}); stopping anyway", brokerId, e.toString());
        }
        KafkaNodes.shutdown(node.server);
        node.server = null;
        log.info("Kafka broker {} stopped", brokerId);
    }

    /** Kills a broker as abruptly as in-process allows: see the class comment for what that means. */
    public void killBroker(int brokerId) {
        Node node = running(brokerId);
        KafkaNodes.shutdown(node.server);
        node.server = null;
        try {
            Files.deleteIfExists(node.logDir.resolve(CLEAN_SHUTDOWN_MARKER));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the clean-shutdown marker of broker " + brokerId, e);
        }
        log.info("Kafka broker {} killed", brokerId);
    }

    /** Starts a stopped or killed broker again, same id, ports and log directory; returns once it is registered. */
    public void restartBroker(int brokerId) {
        Node node = node(brokerId);
        if (node.server != null) throw new IllegalStateException("broker " + brokerId + " is running");
        node.server = KafkaNodes.startServer(node.props);
        KafkaNodes.awaitBrokers(bootstrapServers, runningCount(), START_TIMEOUT);
        log.info("Kafka broker {} restarted", brokerId);
    }

    /** Restarts every stopped or killed broker, so that the cluster is whole again. */
    public void restartStoppedBrokers() {
        for (Node node : nodes) {
            if (node.server == null) restartBroker(node.id);
        }
    }

    @Override
    public void close() {
        try {
            // In parallel: the nodes go anyway, and the last ones would otherwise wait on a quorum that is leaving.
            inParallel(nodes.stream().filter(n -> n.server != null).toList(), n -> {
                KafkaNodes.shutdown(n.server);
                n.server = null;
            });
        } catch (Exception e) {
            log.warn("stopping the Kafka cluster at {} failed: {}", bootstrapServers, e.toString());
        } finally {
            if (deleteOnClose) KafkaNodes.deleteRecursively(dataDir);
        }
        log.info("Kafka cluster at {} stopped", bootstrapServers);
    }

    private Node node(int brokerId) {
        return nodes.stream().filter(n -> n.id == brokerId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no broker " + brokerId + "; ids are " + brokerIds()));
    }

    private Node running(int brokerId) {
        Node node = node(brokerId);
        if (node.server == null) throw new IllegalStateException("broker " + brokerId + " is not running");
        return node;
    }

    private int runningCount() {
        return (int) nodes.stream().filter(n -> n.server != null).count();
    }

    private TopicDescription describe(String topic) {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe topic " + topic + ": " + e, e);
        }
    }

    private Duration awaitPartitions(String topic, Duration timeout, String what, Predicate<TopicDescription> condition) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Optional<TopicDescription> last = Optional.empty();
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                try {
                    TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                            .get(5, TimeUnit.SECONDS).get(topic);
                    last = Optional.of(description);
                    if (condition.test(description)) return Duration.ofNanos(System.nanoTime() - started);
                } catch (ExecutionException | TimeoutException e) {
                    log.debug("describing {} failed, retrying: {}", topic, e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + what + " of " + topic, e);
                }
                KafkaNodes.sleep(50);
            }
        }
        throw new IllegalStateException("topic " + topic + " did not reach " + what + " within " + timeout.toSeconds()
                + " s; last seen: " + last.map(d -> d.partitions().toString()).orElse("nothing"));
    }

    /** Runs the action on every node at once, on threads of its own (the common pool may have a single thread). */
    private static void inParallel(List<Node> nodes, Consumer<Node> action) throws Exception {
        if (nodes.isEmpty()) return;
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            CompletableFuture.allOf(nodes.stream().map(n -> CompletableFuture.runAsync(() -> action.accept(n), pool))
                    .toArray(CompletableFuture[]::new)).get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            pool.shutdown();
        }
    }

    /** The broker half of a combined node, which {@code KafkaRaftServer} keeps private. */
    private static BrokerServer brokerOf(KafkaRaftServer server) {
        try {
            Field field = KafkaRaftServer.class.getDeclaredField("broker");
            field.setAccessible(true);
            return (BrokerServer) ((scala.Option<?>) field.get(server)).get();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the broker of a KafkaRaftServer (has Kafka changed?)", e);
        }
    }

    /** Settings for the cluster; anything not set gets a default for tests. */
    public static final class Builder {
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private int brokers = 3;
        private Path dataDir;
        private int basePort;

        /** Number of nodes (default 3). */
        public Builder brokers(int brokers) {
            if (brokers < 1) throw new IllegalArgumentException("a cluster needs at least one broker");
            this.brokers = brokers;
            return this;
        }

        /** Keeps the data in this directory, one {@code node-<id>} folder per broker (kept on close). */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Client ports {@code basePort}, {@code basePort+1}, ...; 0 (default) picks free ones. */
        public Builder basePort(int basePort) {
            this.basePort = basePort;
            return this;
        }

        /** Any broker setting for every node, e.g. {@code log.retention.ms} (not {@code controlled.shutdown.enable}). */
        public Builder brokerProperty(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        public EmbeddedKafkaCluster start() {
            long started = System.nanoTime();
            Path dir = KafkaNodes.dataDir(dataDir, "avrogate-kafka-cluster-");
            int[] controllerPorts = KafkaNodes.freePorts(brokers);
            int[] brokerPorts = KafkaNodes.freePorts(brokers);
            String voters = KafkaNodes.quorumVoters(controllerPorts);
            String clusterId = KafkaNodes.clusterId(dir);
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < brokers; i++) {
                int id = i + 1;
                int brokerPort = basePort > 0 ? basePort + i : brokerPorts[i];
                Path nodeDir = KafkaNodes.dataDir(dir.resolve("node-" + id), null);
                Path logDir = nodeDir.resolve("logs");
                Properties props = KafkaNodes.nodeProperties(id, voters, brokerPort, controllerPorts[i], logDir, brokers);
                // Failover is detected by missed heartbeats: faster than Kafka's 9 s, slow enough for a busy machine.
                props.setProperty("broker.session.timeout.ms", "6000");
                props.setProperty("broker.heartbeat.interval.ms", "1000");
                overrides.forEach(props::setProperty);
                props.setProperty("controlled.shutdown.enable", "false");   // so that killBroker is not controlled
                KafkaNodes.format(nodeDir, props, clusterId);
                nodes.add(new Node(id, brokerPort, logDir, props));
            }
            EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(List.copyOf(nodes), dir, dataDir == null, clusterId);
            try {
                // Together: a node's broker waits for a controller quorum, which needs a majority of the nodes.
                inParallel(nodes, n -> n.server = KafkaNodes.startServer(n.props));
                KafkaNodes.awaitBrokers(cluster.bootstrapServers(), brokers, START_TIMEOUT);
            } catch (Exception e) {
                cluster.close();
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                throw e instanceof RuntimeException r ? r : new IllegalStateException("the Kafka cluster did not start", e);
            }
            log.info("Kafka cluster of {} brokers ready at {} in {} ms", brokers, cluster.bootstrapServers(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return cluster;
        }
    }
}
