package io.avrogate.testkit;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * Kafka running in this JVM, one broker ({@link EmbeddedKafka}) or several ({@link EmbeddedKafkaCluster}): what a
 * caller that only produces, consumes and creates topics needs, such as {@code avrogate up}.
 */
public interface InProcessKafka extends AutoCloseable {
    /** Comma-separated {@code host:port} of the brokers' client listeners, for {@code bootstrap.servers}. */
    String bootstrapServers();

    String clusterId();

    /** An admin client for this Kafka; the caller closes it. */
    default Admin admin() {
        return KafkaNodes.admin(bootstrapServers());
    }

    /**
     * Creates a topic with as many replicas as the defaults give (1 on one broker, min(3, brokers) on a cluster) and
     * returns once every partition's leader answers. {@code configs} are topic configs such as cleanup.policy.
     */
    void createTopic(String name, int partitions, Map<String, String> configs);

    default void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    @Override
    void close();
}
