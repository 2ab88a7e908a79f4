package io.avrogate.cli.topics;

import io.avrogate.check.TopicDeclarations;
import io.avrogate.check.TopicSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.config.TopicConfig;

/**
 * What {@code topics apply} does to bring a cluster to the declared topics, worked out without touching the
 * cluster: topics to create, configs to set, partitions to add, and the changes it refuses. Only what is declared is
 * managed: an undeclared config keeps its value, a topic no subject names is never touched.
 *
 * @param changes  what applying does, in order
 * @param warnings what applying does that consumers may notice (adding partitions to a keyed topic)
 * @param refused  unsafe changes; when any, nothing is applied
 */
public record TopicPlan(List<Change> changes, List<String> warnings, List<String> refused) {

    /** A topic as the cluster has it. */
    public record Existing(int partitions, int replicationFactor, Map<String, String> configs) {}

    /** One change to the cluster. */
    public sealed interface Change {
        String topic();

        String describe();
    }

    /** A topic to create; what is not declared takes the broker's default. */
    public record Create(String topic, TopicSettings settings) implements Change {
        @Override
        public String describe() {
            String what = settings.toString();
            return "+ create " + topic + (what.isEmpty() ? " (broker defaults)" : ": " + what);
        }
    }

    /** Configs to set, each from its current to its declared value. */
    public record AlterConfigs(String topic, Map<String, String> from, Map<String, String> to) implements Change {
        @Override
        public String describe() {
            List<String> parts = new ArrayList<>();
            to.forEach((name, value) -> parts.add(name + " " + from.get(name) + " -> " + value));
            return "~ alter " + topic + ": " + String.join(", ", parts);
        }
    }

    /** Partitions to add. */
    public record AddPartitions(String topic, int from, int to) implements Change {
        @Override
        public String describe() {
            return "~ partitions " + topic + ": " + from + " -> " + to;
        }
    }

    public boolean isEmpty() {
        return changes.isEmpty() && refused.isEmpty();
    }

    /**
     * The plan for {@code declared} against {@code existing} (the declared topics the cluster has).
     *
     * @param allowUnsafe let through the changes that are refused only because they change what the data means
     *                    (compact to delete); a partition decrease or a replication change is refused regardless
     */
    public static TopicPlan of(Map<String, TopicDeclarations.Topic> declared, Map<String, Existing> existing,
                               boolean allowUnsafe) {
        List<Change> changes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (TopicDeclarations.Topic topic : declared.values()) {
            String name = topic.topic();
            TopicSettings wanted = topic.settings();
            Existing current = existing.get(name);
            if (current == null) {
                changes.add(new Create(name, wanted));
                continue;
            }
            wanted.replicationFactor().ifPresent(rf -> {
                if (rf != current.replicationFactor()) {
                    refused.add(name + ": replication-factor " + current.replicationFactor() + " -> " + rf
                            + " needs a partition reassignment (kafka-reassign-partitions), which topics apply does not do");
                }
            });
            alterConfigs(name, wanted, current, allowUnsafe, refused).ifPresent(changes::add);
            if (wanted.partitions().isPresent()) {
                int want = wanted.partitions().getAsInt();
                if (want < current.partitions()) {
                    refused.add(name + ": partitions cannot decrease (" + current.partitions() + " -> " + want
                            + "); Kafka cannot remove partitions, create a new topic instead");
                } else if (want > current.partitions()) {
                    changes.add(new AddPartitions(name, current.partitions(), want));
                    if (topic.keyed()) {
                        warnings.add(name + " is keyed: with " + want + " partitions instead of " + current.partitions()
                                + " a key's new records go to another partition than its old ones, so per-key order"
                                + " breaks across the change");
                    }
                }
            }
        }
        return new TopicPlan(List.copyOf(changes), List.copyOf(warnings), List.copyOf(refused));
    }

    private static Optional<Change> alterConfigs(String name, TopicSettings wanted, Existing current,
                                                           boolean allowUnsafe, List<String> refused) {
        Map<String, String> from = new TreeMap<>();
        Map<String, String> to = new TreeMap<>();
        wanted.configs().forEach((config, value) -> {
            String now = current.configs().get(config);
            if (!same(config, now, value)) {
                from.put(config, now);
                to.put(config, value);
            }
        });
        String policy = to.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        String before = from.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (policy != null && before != null && !allowUnsafe
                && TopicSettings.cleanupPolicies(before).contains(TopicConfig.CLEANUP_POLICY_COMPACT)
                && !TopicSettings.cleanupPolicies(policy).contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            refused.add(name + ": cleanup.policy " + before + " -> " + policy + " deletes old values of every key instead"
                    + " of keeping the latest one; rerun with --allow-unsafe if that is intended");
            from.remove(TopicConfig.CLEANUP_POLICY_CONFIG);
            to.remove(TopicConfig.CLEANUP_POLICY_CONFIG);
        }
        return to.isEmpty() ? Optional.empty() : Optional.of(new AlterConfigs(name, from, to));
    }

    private static boolean same(String config, String current, String wanted) {
        if (current == null) return false;
        if (config.equals(TopicConfig.CLEANUP_POLICY_CONFIG)) {
            return TopicSettings.cleanupPolicies(current).equals(TopicSettings.cleanupPolicies(wanted));
        }
        return Objects.equals(current.strip(), wanted.strip());
    }
}
