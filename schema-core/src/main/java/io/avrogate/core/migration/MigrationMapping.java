package io.avrogate.core.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A declared breaking change: how a record of the source (new) subject becomes a record of the target (old)
 * subject. See schemas/README.md for the file format. Parsing does no I/O: the caller hands over the text.
 *
 * @param name          the mapping's name (its file name without extension, by convention)
 * @param description   what the change is and why it could not be compatible
 * @param sourceSubject the new subject whose records are translated
 * @param sourceVersion the source version the mapping is written for; null means the latest
 * @param targetSubject the old subject the translated records must fit
 * @param targetVersion the target version; null means the latest
 * @param fields        target field name to rule, in the file's order
 * @param dropped       source paths deliberately not carried over
 */
public record MigrationMapping(
        String name, String description,
        String sourceSubject, Integer sourceVersion,
        String targetSubject, Integer targetVersion,
        Map<String, FieldRule> fields, List<String> dropped) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP_KEYS = Set.of("name", "description", "source", "target", "fields", "dropped");
    private static final Set<String> RULE_KEYS = Set.of("from", "constant", "default", "convert", "enum", "enum_default", "on_error");

    public MigrationMapping {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        dropped = List.copyOf(dropped);
    }

    /** Parses a mapping file's text; {@code origin} names it in error messages. */
    public static MigrationMapping parse(String yamlText, String origin) {
        JsonNode root;
        try {
            root = YAML.readTree(yamlText);
        } catch (IOException e) {
            throw new InvalidMappingException(origin + ": not valid YAML: " + firstLine(e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidMappingException(origin + ": a mapping must be a YAML object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!TOP_KEYS.contains(key)) {
                throw new InvalidMappingException(origin + ": unknown key '" + key + "' (expected one of " + TOP_KEYS + ")");
            }
        }
        JsonNode source = required(root, "source", origin);
        JsonNode target = required(root, "target", origin);
        Map<String, FieldRule> fields = new LinkedHashMap<>();
        JsonNode fieldsNode = root.path("fields");
        if (!fieldsNode.isMissingNode() && !fieldsNode.isNull()) {
            if (!fieldsNode.isObject()) throw new InvalidMappingException(origin + ": 'fields' must be a map");
            fieldsNode.fields().forEachRemaining(e -> fields.put(e.getKey(), rule(e.getKey(), e.getValue(), origin)));
        }
        List<String> dropped = new ArrayList<>();
        root.path("dropped").forEach(d -> dropped.add(d.asText()));
        return new MigrationMapping(
                root.path("name").asText(origin), root.path("description").asText(""),
                text(source, "subject", origin), version(source, origin),
                text(target, "subject", origin), version(target, origin),
                fields, dropped);
    }

    /**
     * What the mapping declares for a record whose target field {@code targetField} (a dotted path, as
     * {@link TranslationException#field()} names it) cannot be produced: the rule of its top-level field decides.
     * Empty when the mapping does not say.
     */
    public java.util.Optional<OnError> onError(String targetField) {
        int dot = targetField.indexOf('.');
        FieldRule rule = fields.get(dot < 0 ? targetField : targetField.substring(0, dot));
        return java.util.Optional.ofNullable(rule == null ? null : rule.onError());
    }

    private static FieldRule rule(String field, JsonNode node, String origin) {
        String where = origin + ": field '" + field + "'";
        if (node.isTextual()) {
            return FieldRule.from(node.asText()); // shorthand: `target_field: source.path`
        }
        if (!node.isObject()) throw new InvalidMappingException(where + ": a rule must be a path or a map");
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!RULE_KEYS.contains(key)) {
                throw new InvalidMappingException(where + ": unknown key '" + key + "' (expected one of " + RULE_KEYS + ")");
            }
        }
        boolean hasFrom = node.hasNonNull("from");
        boolean hasConstant = node.has("constant");
        boolean useDefault = node.path("default").asBoolean(false);
        int sources = (hasFrom ? 1 : 0) + (hasConstant ? 1 : 0) + (useDefault ? 1 : 0);
        if (sources != 1) {
            throw new InvalidMappingException(where + ": give exactly one of 'from', 'constant' or 'default: true'");
        }
        Conversion convert = Conversion.NONE;
        if (node.hasNonNull("convert")) {
            String name = node.get("convert").asText();
            convert = Conversion.fromYaml(name).orElseThrow(() -> new InvalidMappingException(
                    where + ": unknown conversion '" + name + "'"));
        }
        Map<String, String> enumMap = new LinkedHashMap<>();
        node.path("enum").fields().forEachRemaining(e -> enumMap.put(e.getKey(), e.getValue().asText()));
        String enumDefault = node.hasNonNull("enum_default") ? node.get("enum_default").asText() : null;
        OnError onError = null;
        if (node.hasNonNull("on_error")) {
            String name = node.get("on_error").asText();
            onError = OnError.fromYaml(name).orElseThrow(() -> new InvalidMappingException(
                    where + ": unknown on_error '" + name + "' (expected one of " + OnError.yamlNames() + ")"));
            if (!hasFrom) {
                throw new InvalidMappingException(where + ": 'on_error' needs 'from': a constant or default cannot fail");
            }
        }
        return new FieldRule(hasFrom ? node.get("from").asText() : null,
                hasConstant ? node.get("constant") : null, useDefault, convert, enumMap, enumDefault, onError);
    }

    private static JsonNode required(JsonNode root, String key, String origin) {
        JsonNode node = root.get(key);
        if (node == null || !node.isObject()) {
            throw new InvalidMappingException(origin + ": '" + key + "' with 'subject' (and optional 'version') is required");
        }
        return node;
    }

    private static String text(JsonNode node, String key, String origin) {
        if (!node.hasNonNull(key)) throw new InvalidMappingException(origin + ": missing '" + key + "'");
        return node.get(key).asText();
    }

    private static Integer version(JsonNode node, String origin) {
        JsonNode v = node.get("version");
        if (v == null || v.isNull() || v.asText().equalsIgnoreCase("latest")) return null;
        if (!v.canConvertToInt() || v.asInt() < 1) {
            throw new InvalidMappingException(origin + ": version must be a positive number or 'latest', not " + v);
        }
        return v.asInt();
    }

    private static String firstLine(String message) {
        if (message == null) return "";
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
