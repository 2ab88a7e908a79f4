package io.avrogate.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker, in this JVM: one KRaft node acting as broker and controller, on free loopback ports,
 * with single-node settings that make transactions and consumer groups work. Started in a few seconds; its
 * temporary data directory is deleted on close (a directory given by the caller is kept, for {@code avrogate up}).
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final boolean deleteOnClose;
    private final String bootstrapServers;
    private final String clusterId;

    private EmbeddedKafka(KafkaRaftServer server, Path dataDir, boolean deleteOnClose, String bootstrapServers, String clusterId) {
        this.server = server;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.bootstrapServers = bootstrapServers;
        this.clusterId = clusterId;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A broker with the default settings and a temporary data directory. */
    public static EmbeddedKafka start() {
        return builder().start();
    }

    /** {@code host:port} of the broker's client listener, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String clusterId() {
        return clusterId;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /**
     * Creates a topic and waits until the broker serves every partition with a leader, so that a producer started
     * right after does not meet NOT_LEADER_OR_FOLLOWER. {@code configs} are topic configs such as cleanup.policy.
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all()
                    .get(30, TimeUnit.SECONDS);
            awaitLeaders(admin, name, partitions);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name + ": " + e, e);
        }
    }

    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** The controller acknowledges a new topic before the broker's metadata has it: poll until it does. */
    private static void awaitLeaders(Admin admin, String name, int partitions) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                var description = admin.describeTopics(List.of(name)).allTopicNames().get(10, TimeUnit.SECONDS).get(name);
                if (description.partitions().size() == partitions
                        && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    // The metadata names a leader before the broker's replica manager has become it, and an
                    // idempotent producer that meets NOT_LEADER_OR_FOLLOWER on its first batch can then stall on
                    // OUT_OF_ORDER_SEQUENCE_NUMBER. ListOffsets is answered by the leader itself (the admin client
                    // retries it until it is), so once it answers for every partition, writes are accepted.
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    for (int p = 0; p < partitions; p++) latest.put(new TopicPartition(name, p), OffsetSpec.latest());
                    admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) throw e;
            }
            if (System.nanoTime() > deadline) throw new IllegalStateException("topic " + name + " has no leader after 30 s");
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            if (deleteOnClose) deleteRecursively(dataDir);
        }
        log.info("Kafka broker at {} stopped", bootstrapServers);
    }

    /** Settings for the broker; anything not set gets a single-node default. */
    public static final class Builder {
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private Path dataDir;
        private int port;

        /** Keeps the broker's data in this directory (created and formatted if needed, kept on close). */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** The client port; 0 (default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Any broker setting, e.g. {@code log.retention.ms}. */
        public Builder brokerProperty(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        public EmbeddedKafka start() {
            long started = System.nanoTime();
            boolean temporary = dataDir == null;
            Path dir;
            try {
                dir = temporary ? Files.createTempDirectory("avrogate-kafka-") : Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the broker's data directory", e);
            }
            int brokerPort = port > 0 ? port : freePort();
            int controllerPort = freePort();
            Properties props = properties(dir.resolve("logs"), brokerPort, controllerPort);
            overrides.forEach(props::setProperty);
            String clusterId = format(dir, props);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            String bootstrap = "127.0.0.1:" + brokerPort;
            EmbeddedKafka kafka = new EmbeddedKafka(server, dir, temporary, bootstrap, clusterId);
            try {
                kafka.awaitReady(Duration.ofSeconds(60));
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
            log.info("Kafka broker ready at {} in {} ms", bootstrap, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return kafka;
        }

        private static Properties properties(Path logDir, int brokerPort, int controllerPort) {
            Properties p = new Properties();
            p.setProperty("process.roles", "broker,controller");
            p.setProperty("node.id", "1");
            p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            p.setProperty("controller.listener.names", "CONTROLLER");
            p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.setProperty("inter.broker.listener.name", "PLAINTEXT");
            p.setProperty("log.dirs", logDir.toString());
            // One node: every internal topic has one replica, or groups and transactions never become available.
            p.setProperty("offsets.topic.replication.factor", "1");
            p.setProperty("offsets.topic.num.partitions", "5");
            p.setProperty("transaction.state.log.replication.factor", "1");
            p.setProperty("transaction.state.log.min.isr", "1");
            p.setProperty("transaction.state.log.num.partitions", "5");
            p.setProperty("share.coordinator.state.topic.replication.factor", "1");
            p.setProperty("share.coordinator.state.topic.min.isr", "1");
            p.setProperty("group.initial.rebalance.delay.ms", "0");
            p.setProperty("num.partitions", "1");
            p.setProperty("auto.create.topics.enable", "false");
            return p;
        }

        /** Formats the storage unless it already is (a kept data directory), and returns the cluster id. */
        private static String format(Path dir, Properties props) {
            Path idFile = dir.resolve("cluster.id");
            try {
                String clusterId = Files.isRegularFile(idFile) ? Files.readString(idFile).trim() : Uuid.randomUuid().toString();
                Path config = dir.resolve("server.properties");
                try (var out = Files.newBufferedWriter(config)) {
                    props.store(out, "avrogate embedded Kafka");
                }
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                // StorageTool.main would exit the JVM; execute returns a status instead.
                int status = StorageTool.execute(new String[] {"format", "--ignore-formatted", "--cluster-id", clusterId,
                        "--config", config.toString()}, new PrintStream(output, true, StandardCharsets.UTF_8));
                if (status != 0) {
                    throw new IllegalStateException("formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
                }
                Files.writeString(idFile, clusterId);
                return clusterId;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the broker's storage", e);
            } catch (Exception e) {
                if (e instanceof RuntimeException r) throw r;
                throw new IllegalStateException("formatting Kafka storage failed", e);
            }
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("no free port", e);
            }
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) return;
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    last = new IllegalStateException(e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the broker", e);
                }
                sleep(100);
            }
        }
        throw new IllegalStateException("the Kafka broker did not become ready within " + timeout.toSeconds() + " s", last);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete {}: {}", dir, e.toString());
        }
    }
}
