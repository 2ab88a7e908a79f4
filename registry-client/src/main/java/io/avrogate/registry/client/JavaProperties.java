package io.avrogate.registry.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Removes the Java-only properties that avro-maven-plugin writes into the schema of a generated class
 * ({@code "avro.java.string":"String"} on every string, and {@code java-class}, {@code java-key-class},
 * {@code java-element-class} for stringable types) from an Avro schema's text.
 *
 * <p>Why: CI registers a subject's {@code .avsc} file, which has none of them. A registry (Confluent's, and ours,
 * which keeps Confluent's recorded behaviour) treats a schema with them as a different schema, so the generated
 * class's lookup failed with 40403 under {@code auto.register.schemas=false}, or registered a needless new version.
 * The properties only steer Java code generation; they say nothing about the data. This is Confluent's
 * {@code avro.remove.java.properties}, which we turn on by default.
 */
public final class JavaProperties {
    /** The config key, Confluent's name. Default true in our serde and registry client. */
    public static final String REMOVE_JAVA_PROPERTIES = "avro.remove.java.properties";

    private static final String JAVA_STRING = "avro.java.string";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JavaProperties() {}

    /** True for a property name that only concerns generated Java code. */
    public static boolean isJavaProperty(String name) {
        return name.equals(JAVA_STRING) || name.startsWith("java-");
    }

    /** True when the Avro schema text carries a Java-only property anywhere. */
    public static boolean present(String schemaText) {
        return !strip(schemaText).equals(schemaText);
    }

    /**
     * The schema text without Java-only properties; the very same text when it has none (so a schema written by
     * hand is sent byte for byte). Text that is not a JSON schema is returned unchanged, for the registry to judge.
     */
    public static String strip(String schemaText) {
        if (!schemaText.contains(JAVA_STRING) && !schemaText.contains("\"java-")) return schemaText;
        try {
            boolean[] removed = {false};
            JsonNode cleaned = clean(JSON.readTree(schemaText), removed);
            return removed[0] ? JSON.writeValueAsString(cleaned) : schemaText;
        } catch (JsonProcessingException e) {
            return schemaText;
        }
    }

    /** {@code content} without Java-only properties if it is an Avro schema; other types unchanged. */
    public static SchemaContent strip(SchemaContent content) {
        if (!SchemaContent.AVRO.equals(content.schemaType())) return content;
        String stripped = strip(content.schema());
        return stripped.equals(content.schema()) ? content
                : new SchemaContent(stripped, content.schemaType(), content.references());
    }

    /**
     * {@code node} without Java-only properties. An object left with only its type, such as
     * {@code {"type":"string","avro.java.string":"String"}}, becomes the plain type name {@code "string"}: that is
     * how Avro writes the schema the .avsc file declares, so the text is the one a hand-written schema renders to.
     */
    private static JsonNode clean(JsonNode node, boolean[] removed) {
        if (node instanceof ObjectNode object) {
            boolean here = false;
            Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (isJavaProperty(field.getKey())) {
                    fields.remove();
                    here = true;
                } else if (!field.getKey().equals("default")) {
                    // A default is data: a map default may well have a key named like a property.
                    field.setValue(clean(field.getValue(), removed));
                }
            }
            removed[0] |= here;
            JsonNode type = object.get("type");
            if (here && object.size() == 1 && type != null && type.isTextual()) return type;
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) array.set(i, clean(array.get(i), removed));
        }
        return node;
    }
}
