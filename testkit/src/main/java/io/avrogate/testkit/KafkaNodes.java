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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an in-process Kafka node needs, whether it runs alone ({@link EmbeddedKafka}) or in a cluster
 * ({@link EmbeddedKafkaCluster}): its settings, storage formatting, start, readiness and topic creation.
 */
final class KafkaNodes {
    private static final Logger log = LoggerFactory.getLogger(KafkaNodes.class);

    private KafkaNodes() {
    }

    /**
     * The settings of one combined broker+controller node of a cluster of {@code clusterSize} nodes. Internal topics
     * get min(3, size) replicas and the minimum ISR is 2 from three nodes on, so that one node may fail; on one node
     * everything has one replica, or groups and transactions never become available.
     */
    static Properties nodeProperties(int nodeId, String quorumVoters, int brokerPort, int controllerPort, Path logDir,
                                     int clusterSize) {
        String replicas = String.valueOf(Math.min(3, clusterSize));
        String minIsr = clusterSize >= 3 ? "2" : "1";
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", String.valueOf(nodeId));
        p.setProperty("controller.quorum.voters", quorumVoters);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("default.replication.factor", replicas);
        p.setProperty("min.insync.replicas", minIsr);
        p.setProperty("offsets.topic.replication.factor", replicas);
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", replicas);
        p.setProperty("transaction.state.log.min.isr", minIsr);
        p.setProperty("transaction.state.log.num.partitions", "5");
        p.setProperty("share.coordinator.state.topic.replication.factor", replicas);
        p.setProperty("share.coordinator.state.topic.min.isr", minIsr);
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("num.partitions", "1");
        p.setProperty("auto.create.topics.enable", "false");
        return p;
    }

    /** {@code id@127.0.0.1:port,...} for node ids 1..n, the static controller quorum. */
    static String quorumVoters(int[] controllerPorts) {
        StringBuilder voters = new StringBuilder();
        for (int i = 0; i < controllerPorts.length; i++) {
            if (i > 0) voters.append(',');
            voters.append(i + 1).append("@127.0.0.1:").append(controllerPorts[i]);
        }
        return voters.toString();
    }

    /** A caller's directory (created, kept) or a new temporary one. */
    static Path dataDir(Path requested, String tempPrefix) {
        try {
            return requested == null ? Files.createTempDirectory(tempPrefix) : Files.createDirectories(requested);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka data directory", e);
        }
    }

    /** The cluster id kept in {@code dir/cluster.id}, or a new one written there, so a kept directory keeps its id. */
    static String clusterId(Path dir) {
        Path idFile = dir.resolve("cluster.id");
        try {
            if (Files.isRegularFile(idFile)) return Files.readString(idFile).trim();
            String id = Uuid.randomUuid().toString();
            Files.writeString(idFile, id);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + idFile, e);
        }
    }

    /** Formats a node's storage unless it already is (a kept data directory); its config is written to {@code nodeDir}. */
    static void format(Path nodeDir, Properties props, String clusterId) {
        try {
            Path config = nodeDir.resolve("server.properties");
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
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the node's storage", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("formatting Kafka storage failed", e);
        }
    }

    /** Starts a node; returns once its broker is running (in a cluster, that needs a quorum of controllers). */
    static KafkaRaftServer startServer(Properties props) {
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return server;
    }

    static void shutdown(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Waits until the cluster reports at least {@code brokers} live brokers. */
    static void awaitBrokers(String bootstrapServers, int brokers, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        try (Admin admin = admin(bootstrapServers)) {
            while (System.nanoTime() < deadline) {
                try {
                    if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= brokers) return;
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the broker(s)", e);
                }
                sleep(100);
            }
        }
        throw new IllegalStateException(brokers + " Kafka broker(s) did not become ready within " + timeout.toSeconds() + " s", last);
    }

    /**
     * Creates a topic and waits until every partition's leader answers, so that a producer started right after does
     * not meet NOT_LEADER_OR_FOLLOWER.
     */
    static void createTopic(Admin admin, NewTopic topic) {
        String name = topic.name();
        try {
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            awaitLeaders(admin, name, topic.numPartitions());
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name + ": " + e, e);
        }
    }

    /** The controller acknowledges a new topic before the brokers' metadata has it: poll until they do. */
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
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) throw e;
            }
            if (System.nanoTime() > deadline) throw new IllegalStateException("topic " + name + " has no leader after 30 s");
            Thread.sleep(20);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** {@code count} distinct free ports (all held open while choosing, so none is picked twice). */
    static int[] freePorts(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // the port is released either way
                    }
                }
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete {}: {}", dir, e.toString());
        }
    }
}
