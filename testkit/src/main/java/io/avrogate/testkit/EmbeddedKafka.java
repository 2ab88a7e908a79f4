package io.avrogate.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker, in this JVM: one KRaft node acting as broker and controller, on free loopback ports,
 * with single-node settings that make transactions and consumer groups work. Started in a few seconds; its
 * temporary data directory is deleted on close (a directory given by the caller is kept, for {@code avrogate up}).
 */
public final class EmbeddedKafka implements InProcessKafka {
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

    /**
     * Creates a topic (one replica) and waits until the broker serves every partition with a leader, so that a
     * producer started right after does not meet NOT_LEADER_OR_FOLLOWER. {@code configs} are topic configs such as
     * cleanup.policy.
     */
    @Override
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        try (Admin admin = admin()) {
            KafkaNodes.createTopic(admin, new NewTopic(name, partitions, (short) 1).configs(configs));
        }
    }

    @Override
    public void close() {
        try {
            KafkaNodes.shutdown(server);
        } finally {
            if (deleteOnClose) KafkaNodes.deleteRecursively(dataDir);
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
            Path dir = KafkaNodes.dataDir(dataDir, "avrogate-kafka-");
            int brokerPort = port > 0 ? port : KafkaNodes.freePort();
            int controllerPort = KafkaNodes.freePort();
            Properties props = KafkaNodes.nodeProperties(1, KafkaNodes.quorumVoters(new int[] {controllerPort}),
                    brokerPort, controllerPort, dir.resolve("logs"), 1);
            overrides.forEach(props::setProperty);
            String clusterId = KafkaNodes.clusterId(dir);
            KafkaNodes.format(dir, props, clusterId);
            KafkaRaftServer server = KafkaNodes.startServer(props);
            String bootstrap = "127.0.0.1:" + brokerPort;
            EmbeddedKafka kafka = new EmbeddedKafka(server, dir, temporary, bootstrap, clusterId);
            try {
                KafkaNodes.awaitBrokers(bootstrap, 1, Duration.ofSeconds(60));
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
            log.info("Kafka broker ready at {} in {} ms", bootstrap, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return kafka;
        }
    }
}
