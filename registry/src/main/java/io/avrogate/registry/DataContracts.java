package io.avrogate.registry;

import static io.avrogate.registry.RegistryError.INVALID_RULE_SET;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Data-contract metadata ({@code {"tags","properties","sensitive"}}) and rule sets ({@code {"migrationRules",
 * "domainRules"}}) in one canonical JSON form, and Confluent's merge rules for them. Canonical means what Confluent's
 * sorted collections produce: properties and tags sorted by key, tag values and sensitive names sorted and
 * de-duplicated, empty parts left out. Two registrations then compare equal exactly when Confluent's would, and the
 * canonical text can be part of a schema's identity.
 */
public final class DataContracts {
    private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> MIGRATION_MODES = Set.of("UPGRADE", "DOWNGRADE", "UPDOWN");
    private static final Set<String> DOMAIN_MODES = Set.of("WRITE", "READ", "WRITEREAD");
    private static final Set<String> KINDS = Set.of("CONDITION", "TRANSFORM");

    private DataContracts() {}

    // ---- metadata ----------------------------------------------------------------------------------------------

    /** The canonical form of request metadata; null stays null, so "not sent" and "sent empty" stay apart. */
    public static ObjectNode metadata(JsonNode sent) {
        if (sent == null || sent.isNull()) return null;
        if (!sent.isObject()) throw RegistryError.FIELD_NOT_OBJECT.exception("metadata");
        TreeMap<String, TreeSet<String>> tags = new TreeMap<>();
        sent.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), strings(e.getValue())));
        TreeMap<String, String> properties = new TreeMap<>();
        sent.path("properties").fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        properties.values().removeIf(java.util.Objects::isNull);
        return metadata(tags, properties, strings(sent.path("sensitive")));
    }

    private static ObjectNode metadata(Map<String, TreeSet<String>> tags, Map<String, String> properties, Set<String> sensitive) {
        ObjectNode out = StoreRecords.JSON.createObjectNode();
        if (!tags.isEmpty()) {
            ObjectNode t = out.putObject("tags");
            tags.forEach((k, v) -> {
                ArrayNode values = t.putArray(k);
                v.forEach(values::add);
            });
        }
        if (!properties.isEmpty()) {
            ObjectNode p = out.putObject("properties");
            properties.forEach(p::put);
        }
        if (!sensitive.isEmpty()) {
            ArrayNode s = out.putArray("sensitive");
            sensitive.forEach(s::add);
        }
        return out;
    }

    /** Confluent's merge: properties of {@code newer} win, tags and sensitive names are united. Null = absent. */
    public static ObjectNode mergeMetadata(JsonNode older, JsonNode newer) {
        if (older == null) return newer == null ? null : metadata(newer);
        if (newer == null) return metadata(older);
        TreeMap<String, TreeSet<String>> tags = new TreeMap<>();
        for (JsonNode m : List.of(older, newer)) {
            m.path("tags").fields().forEachRemaining(e -> tags.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).addAll(strings(e.getValue())));
        }
        TreeMap<String, String> properties = new TreeMap<>();
        for (JsonNode m : List.of(older, newer)) m.path("properties").fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue().asText()));
        TreeSet<String> sensitive = strings(older.path("sensitive"));
        sensitive.addAll(strings(newer.path("sensitive")));
        return metadata(tags, properties, sensitive);
    }

    /** The value of one metadata property, or null. */
    public static String property(JsonNode metadata, String key) {
        if (metadata == null) return null;
        JsonNode v = metadata.path("properties").get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Whether the metadata's properties contain every one of these key/value pairs. */
    public static boolean hasProperties(JsonNode metadata, Map<String, String> wanted) {
        if (metadata == null) return false;
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            if (!e.getValue().equals(property(metadata, e.getKey()))) return false;
        }
        return true;
    }

    /** A copy of the metadata with one property set (used for Confluent's {@code confluent:version}). */
    public static ObjectNode withProperty(JsonNode metadata, String key, String value) {
        ObjectNode addition = StoreRecords.JSON.createObjectNode();
        addition.putObject("properties").put(key, value);
        return mergeMetadata(metadata == null ? StoreRecords.JSON.createObjectNode() : metadata, addition);
    }

    private static TreeSet<String> strings(JsonNode array) {
        TreeSet<String> out = new TreeSet<>();
        if (array.isArray()) array.forEach(v -> out.add(v.asText()));
        else if (array.isTextual()) out.add(array.asText());
        return out;
    }

    // ---- rule sets ---------------------------------------------------------------------------------------------

    /** A request's rule set, checked (names, kinds, modes) and with empty lists left out; null stays null. */
    public static ObjectNode ruleSet(JsonNode sent) {
        if (sent == null || sent.isNull()) return null;
        if (!sent.isObject()) throw RegistryError.FIELD_NOT_OBJECT.exception("ruleSet");
        ObjectNode out = StoreRecords.JSON.createObjectNode();
        for (String list : List.of("migrationRules", "domainRules")) {
            JsonNode rules = sent.get(list);
            if (rules == null || rules.isNull()) continue;
            if (!rules.isArray()) throw INVALID_RULE_SET.exception("\"" + list + "\" must be an array");
            Set<String> names = new HashSet<>();
            ArrayNode kept = StoreRecords.JSON.createArrayNode();
            for (JsonNode rule : rules) {
                kept.add(rule(rule, list.equals("migrationRules") ? MIGRATION_MODES : DOMAIN_MODES));
                if (!names.add(rule.path("name").asText())) {
                    throw INVALID_RULE_SET.exception("Found rule with duplicate name '" + rule.path("name").asText() + "'");
                }
            }
            if (!kept.isEmpty()) out.set(list, kept);
        }
        return out;
    }

    private static ObjectNode rule(JsonNode rule, Set<String> modes) {
        if (!rule.isObject()) throw INVALID_RULE_SET.exception("a rule must be an object");
        String name = rule.path("name").asText("");
        if (!RULE_NAME.matcher(name).matches()) {
            throw INVALID_RULE_SET.exception("Rule name '" + name + "' must start with a letter or underscore,"
                    + " followed by letters, digits or underscores");
        }
        if (rule.path("type").asText("").isEmpty()) throw INVALID_RULE_SET.exception("Rule '" + name + "' has no type");
        ObjectNode out = ((ObjectNode) rule).deepCopy();
        // Confluent fills in the defaults, so a rule reads back the same however briefly it was written.
        if (!out.hasNonNull("kind")) out.put("kind", "TRANSFORM");
        if (!out.hasNonNull("mode")) out.put("mode", "WRITEREAD");
        if (!out.has("disabled")) out.put("disabled", false);
        if (!KINDS.contains(out.get("kind").asText())) throw INVALID_RULE_SET.exception("Invalid rule kind " + out.get("kind").asText());
        if (!modes.contains(out.get("mode").asText())) {
            throw INVALID_RULE_SET.exception("Migration rules can only be UPGRADE, DOWNGRADE, UPDOWN and domain rules"
                    + " can only be WRITE, READ, WRITEREAD.");
        }
        return out;
    }

    /** Confluent's merge: rules of {@code newer} replace same-named rules of {@code older}, which keep their order first. */
    public static ObjectNode mergeRuleSets(JsonNode older, JsonNode newer) {
        if (older == null) return newer == null ? null : ((ObjectNode) newer).deepCopy();
        if (newer == null) return ((ObjectNode) older).deepCopy();
        ObjectNode out = StoreRecords.JSON.createObjectNode();
        for (String list : List.of("migrationRules", "domainRules")) {
            List<JsonNode> merged = new ArrayList<>();
            Set<String> replaced = new HashSet<>();
            newer.path(list).forEach(r -> replaced.add(r.path("name").asText()));
            older.path(list).forEach(r -> { if (!replaced.contains(r.path("name").asText())) merged.add(r); });
            newer.path(list).forEach(merged::add);
            if (!merged.isEmpty()) out.putArray(list).addAll(merged);
        }
        return out;
    }
}
