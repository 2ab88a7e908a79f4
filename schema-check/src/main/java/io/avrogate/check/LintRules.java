package io.avrogate.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which lint rules apply and how loudly, read from an optional {@code schemas/lint.yaml}:
 * <pre>
 * rules:
 *   record-doc: error        # error | warning | off
 *   field-doc: warning
 *   namespace: error
 *   type-name: error         # records, enums, fixed in PascalCase
 *   field-name: error        # matches field-name-pattern
 *   enum-symbol: warning     # UPPER_SNAKE_CASE
 * field-name-pattern: "^[a-z][a-z0-9_]*$"
 * </pre>
 */
public record LintRules(Map<String, Level> levels, Pattern fieldNamePattern) {
    public enum Level { ERROR, WARNING, OFF }

    public static final String RECORD_DOC = "record-doc";
    public static final String FIELD_DOC = "field-doc";
    public static final String NAMESPACE = "namespace";
    public static final String TYPE_NAME = "type-name";
    public static final String FIELD_NAME = "field-name";
    public static final String ENUM_SYMBOL = "enum-symbol";

    public static LintRules defaults() {
        Map<String, Level> levels = new LinkedHashMap<>();
        levels.put(RECORD_DOC, Level.ERROR);
        levels.put(FIELD_DOC, Level.WARNING);
        levels.put(NAMESPACE, Level.ERROR);
        levels.put(TYPE_NAME, Level.ERROR);
        levels.put(FIELD_NAME, Level.ERROR);
        levels.put(ENUM_SYMBOL, Level.WARNING);
        return new LintRules(Map.copyOf(levels), Pattern.compile("^[a-z][a-z0-9_]*$"));
    }

    public Level level(String rule) {
        return levels.getOrDefault(rule, Level.OFF);
    }

    /** Applies a lint.yaml text over the defaults. */
    public static LintRules parse(String yaml, String origin) {
        LintRules base = defaults();
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null) return base;
        Map<String, Level> levels = new LinkedHashMap<>(base.levels());
        root.path("rules").fields().forEachRemaining(e -> {
            if (!base.levels().containsKey(e.getKey())) {
                throw new IllegalArgumentException(origin + ": unknown lint rule '" + e.getKey() + "' (known: "
                        + base.levels().keySet() + ")");
            }
            // YAML 1.1 reads a bare `off` as false (and `on` as true).
            String value = e.getValue().isBoolean() ? (e.getValue().asBoolean() ? "error" : "off") : e.getValue().asText();
            try {
                levels.put(e.getKey(), Level.valueOf(value.toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException(origin + ": rule '" + e.getKey() + "' must be error, warning or off");
            }
        });
        Pattern pattern = root.hasNonNull("field-name-pattern")
                ? Pattern.compile(root.get("field-name-pattern").asText()) : base.fieldNamePattern();
        return new LintRules(Map.copyOf(levels), pattern);
    }
}
