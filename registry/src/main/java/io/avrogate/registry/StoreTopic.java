package io.avrogate.registry;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the store topic, or checks the one that exists, before the registry reads it. Its shape is what keeps every
 * schema: compacted (retention would delete old schemas), one partition (every change ordered), and on a cluster
 * replicated min(3, brokers) times with {@code min.insync.replicas} 2, so that a registered schema survives the loss
 * of any one broker. A topic that could lose schemas on a single broker failure is refused unless
 * {@value RegistryConfig#UNSAFE_TOPIC_ALLOWED} says the operator knows.
 */
final class StoreTopic {
    private static final Logger log = LoggerFactory.getLogger(StoreTopic.class);
    static final String MIN_ISR = "min.insync.replicas";

    private StoreTopic() {}

    /** Creates or checks the topic; throws IllegalStateException naming what is wrong and how to fix it. */
    static void prepare(Admin admin, RegistryConfig config)
            throws ExecutionException, InterruptedException, TimeoutException {
        String topic = config.getString(RegistryConfig.TOPIC);
        int brokers = Math.max(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size(), 1);
        short rf = (short) Math.min(config.getShort(RegistryConfig.TOPIC_REPLICATION_FACTOR), brokers);
        try {
            Map<String, String> configs = rf >= 2 ? Map.of("cleanup.policy", "compact", MIN_ISR, "2")
                    : Map.of("cleanup.policy", "compact");
            admin.createTopics(List.of(new NewTopic(topic, 1, rf).configs(configs))).all().get(30, TimeUnit.SECONDS);
            log.info("created the store topic {} (replication factor {}, {} {})", topic, rf, MIN_ISR, rf >= 2 ? 2 : 1);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) throw e;
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config topicConfig = untilTopicKnown(() -> admin.describeConfigs(Set.of(resource)).all().get(30, TimeUnit.SECONDS)
                .get(resource));
        String policy = topicConfig.get("cleanup.policy").value();
        if (!policy.contains("compact")) {
            throw new IllegalStateException("the store topic " + topic + " has cleanup.policy=" + policy
                    + "; the registry needs compact, or old schemas would be deleted by retention");
        }
        TopicDescription description = untilTopicKnown(() -> admin.describeTopics(List.of(topic)).allTopicNames()
                .get(30, TimeUnit.SECONDS).get(topic));
        if (description.partitions().size() != 1) {
            throw new IllegalStateException("the store topic " + topic + " has " + description.partitions().size()
                    + " partitions; it must have exactly one so that every change is ordered");
        }
        String unsafe = unsafety(topic, brokers, config.getShort(RegistryConfig.TOPIC_REPLICATION_FACTOR),
                description.partitions().get(0).replicas().size(), Integer.parseInt(topicConfig.get(MIN_ISR).value()));
        if (unsafe == null) return;
        if (!config.getBoolean(RegistryConfig.UNSAFE_TOPIC_ALLOWED)) {
            throw new IllegalStateException(unsafe + " (or set " + RegistryConfig.UNSAFE_TOPIC_ALLOWED
                    + "=true to start anyway)");
        }
        log.warn("{}; starting anyway because {}=true", unsafe, RegistryConfig.UNSAFE_TOPIC_ALLOWED);
    }

    /** What makes the topic able to lose acknowledged schemas when one broker fails, or null when nothing does. */
    static String unsafety(String topic, int brokers, short wantedReplicas, int replicas, int minInsyncReplicas) {
        int achievable = Math.min(wantedReplicas, brokers);
        if (replicas < achievable) {
            return "the store topic " + topic + " has " + replicas + " replica(s) on a cluster of " + brokers
                    + " brokers, so losing one broker can lose every schema; recreate it with replication factor "
                    + achievable + " (kafka-reassign-partitions can add replicas in place)";
        }
        if (replicas >= 3 && minInsyncReplicas < 2) {
            return "the store topic " + topic + " has " + MIN_ISR + "=" + minInsyncReplicas + " with " + replicas
                    + " replicas, so a write acknowledged by the leader alone can be lost with it; set "
                    + MIN_ISR + "=2 (kafka-configs --alter --entity-type topics --entity-name " + topic
                    + " --add-config " + MIN_ISR + "=2)";
        }
        return null;
    }

    private interface AdminCall<T> {
        T call() throws ExecutionException, InterruptedException, TimeoutException;
    }

    /**
     * Right after a topic is created, a broker may not know it yet and answers UnknownTopicOrPartition: ask again
     * for a while rather than failing the start.
     */
    private static <T> T untilTopicKnown(AdminCall<T> call) throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return call.call();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) throw e;
                Thread.sleep(100);
            }
        }
    }
}
