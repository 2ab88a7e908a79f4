package io.avrogate.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The {@code topic-config:} block of a subject.yaml: how the subject's Kafka topic is to be set up. What is not
 * declared is left to the broker (at creation) or left as it is (on an existing topic).
 *
 * @param partitions        the partition count, or empty
 * @param replicationFactor the replication factor, or empty
 * @param configs           topic configs by their Kafka names ({@code cleanup.policy}, {@code retention.ms}, ...)
 */
public record TopicSettings(OptionalInt partitions, OptionalInt replicationFactor, Map<String, String> configs) {
    static final Set<String> KEYS = Set.of("partitions", "replication-factor", "configs");
    /** Every topic config Kafka's client knows, read from {@link TopicConfig}'s {@code *_CONFIG} constants. */
    static final Set<String> KNOWN_CONFIGS = knownConfigs();
    static final Set<String> CLEANUP_POLICIES = Set.of(TopicConfig.CLEANUP_POLICY_DELETE, TopicConfig.CLEANUP_POLICY_COMPACT);

    public TopicSettings {
        // Sorted by name: plans and messages list configs in one order, run after run.
        configs = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(configs));
    }

    /** The cleanup policies a {@code cleanup.policy} value names ({@code "compact,delete"} names both). */
    public static Set<String> cleanupPolicies(String value) {
        Set<String> out = new TreeSet<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) out.add(part.strip());
        }
        return out;
    }

    /** Parses and validates the block; problems are reported with {@code origin}, as subject.yaml's own keys are. */
    static TopicSettings parse(JsonNode block, String origin) {
        String where = origin + ": topic-config";
        if (!block.isObject()) throw new IllegalArgumentException(where + " must be a map of partitions, replication-factor, configs");
        for (Iterator<String> it = block.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "'" + Suggestions.didYouMean(key, KEYS)
                        + "; topic-config knows " + new TreeSet<>(KEYS));
            }
        }
        OptionalInt partitions = positiveInt(block.get("partitions"), where + ".partitions");
        OptionalInt replication = positiveInt(block.get("replication-factor"), where + ".replication-factor");
        if (replication.isPresent() && replication.getAsInt() > Short.MAX_VALUE) {
            throw new IllegalArgumentException(where + ".replication-factor is too large: " + replication.getAsInt());
        }
        Map<String, String> configs = new TreeMap<>();
        JsonNode map = block.path("configs");
        if (!map.isMissingNode() && !map.isNull() && !map.isObject()) {
            throw new IllegalArgumentException(where + ".configs must be a map of topic config names to values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            configs.put(e.getKey(), configValue(e.getKey(), e.getValue(), where + ".configs"));
        }
        String minIsr = configs.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        if (minIsr != null && replication.isPresent() && Integer.parseInt(minIsr) > replication.getAsInt()) {
            throw new IllegalArgumentException(where + ": min.insync.replicas " + minIsr + " exceeds replication-factor "
                    + replication.getAsInt() + "; no write with acks=all could succeed");
        }
        return new TopicSettings(partitions, replication, configs);
    }

    private static String configValue(String name, JsonNode node, String where) {
        if (!KNOWN_CONFIGS.contains(name)) {
            throw new IllegalArgumentException(where + ": unknown topic config '" + name + "'"
                    + Suggestions.didYouMean(name, KNOWN_CONFIGS) + "; see Kafka's topic configs");
        }
        if (!node.isValueNode() || node.isNull()) {
            throw new IllegalArgumentException(where + "." + name + " must be a single value");
        }
        String value = node.asText().strip();
        if (name.equals(TopicConfig.CLEANUP_POLICY_CONFIG)) {
            Set<String> policies = cleanupPolicies(value);
            Optional<String> unknown = policies.stream().filter(p -> !CLEANUP_POLICIES.contains(p)).findFirst();
            if (unknown.isPresent() || policies.isEmpty()) {
                String bad = unknown.orElse(value);
                throw new IllegalArgumentException(where + ".cleanup.policy: unknown policy '" + bad + "'"
                        + Suggestions.didYouMean(bad, CLEANUP_POLICIES) + "; use delete, compact or compact,delete");
            }
            return String.join(",", policies);
        }
        if (name.equals(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)) {
            positiveInt(node, where + "." + name);
        } else if (name.endsWith(".ms") || name.endsWith(".bytes")) {
            // Durations and sizes are longs; -1 means unlimited for the retention settings.
            try {
                if (Long.parseLong(value) < -1) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + "." + name + " must be a whole number (or -1), not '" + value + "'");
            }
        }
        return value;
    }

    private static OptionalInt positiveInt(JsonNode node, String where) {
        if (node == null || node.isNull()) return OptionalInt.empty();
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new IllegalArgumentException(where + " must be a whole number, not '" + node.asText() + "'");
        }
        int value = node.asInt();
        if (value < 1) throw new IllegalArgumentException(where + " must be at least 1, not " + value);
        return OptionalInt.of(value);
    }

    private static Set<String> knownConfigs() {
        Set<String> names = new TreeSet<>();
        for (Field field : TopicConfig.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getName().endsWith("_CONFIG") && field.getType() == String.class) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Set.copyOf(names);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        partitions.ifPresent(p -> parts.add(p + " partitions"));
        replicationFactor.ifPresent(r -> parts.add("replication " + r));
        configs.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(", ", parts);
    }
}
