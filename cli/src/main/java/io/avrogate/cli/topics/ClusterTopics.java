package io.avrogate.cli.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;

/** The declared topics as a cluster has them, and the Admin calls that apply a {@link TopicPlan}. */
public final class ClusterTopics {
    private final Admin admin;
    private final Duration timeout;

    public ClusterTopics(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** Those of {@code names} the cluster has, with partitions, replication and every config's current value. */
    public Map<String, TopicPlan.Existing> describe(Collection<String> names) {
        Set<String> present = get(admin.listTopics().names());
        List<String> wanted = names.stream().filter(present::contains).toList();
        Map<String, TopicPlan.Existing> out = new TreeMap<>();
        if (wanted.isEmpty()) return out;
        Map<String, TopicDescription> descriptions = get(admin.describeTopics(wanted).allTopicNames());
        List<ConfigResource> resources = wanted.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<ConfigResource, Config> configs = get(admin.describeConfigs(resources).all());
        for (String topic : wanted) {
            TopicDescription description = descriptions.get(topic);
            Map<String, String> values = new HashMap<>();
            for (ConfigEntry entry : configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic)).entries()) {
                if (entry.value() != null) values.put(entry.name(), entry.value());
            }
            out.put(topic, new TopicPlan.Existing(description.partitions().size(),
                    description.partitions().get(0).replicas().size(), values));
        }
        return out;
    }

    /** Creates, then alters configs, then adds partitions; a plan with refusals is not applied. */
    public void apply(TopicPlan plan) {
        if (!plan.refused().isEmpty()) throw new IllegalStateException("a plan with refused changes is not applied");
        List<NewTopic> creates = new ArrayList<>();
        Map<ConfigResource, Collection<AlterConfigOp>> alters = new HashMap<>();
        Map<String, NewPartitions> partitions = new HashMap<>();
        for (TopicPlan.Change change : plan.changes()) {
            if (change instanceof TopicPlan.Create c) {
                NewTopic topic = new NewTopic(c.topic(), c.settings().partitions().stream().boxed().findFirst(),
                        c.settings().replicationFactor().stream().mapToObj(rf -> (short) rf).findFirst());
                creates.add(topic.configs(c.settings().configs()));
            } else if (change instanceof TopicPlan.AlterConfigs a) {
                alters.put(new ConfigResource(ConfigResource.Type.TOPIC, a.topic()), a.to().entrySet().stream()
                        .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                        .toList());
            } else if (change instanceof TopicPlan.AddPartitions p) {
                partitions.put(p.topic(), NewPartitions.increaseTo(p.to()));
            }
        }
        if (!creates.isEmpty()) get(admin.createTopics(creates).all());
        if (!alters.isEmpty()) get(admin.incrementalAlterConfigs(alters).all());
        if (!partitions.isEmpty()) get(admin.createPartitions(partitions).all());
    }

    private <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
