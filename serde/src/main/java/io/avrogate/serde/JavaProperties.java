package io.avrogate.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.avro.Schema;

/**
 * Strips the {@code avro.java.string} property that avro-maven-plugin adds to string types of generated classes
 * ({@code avro.remove.java.properties}), so the schema a generated class registers or looks up is the one the team
 * registered from its .avsc file (Confluent issue #1352: lookups failing with 40403 on this property alone).
 */
final class JavaProperties {
    static final String JAVA_STRING = "avro.java.string";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JavaProperties() {}

    static Schema strip(Schema schema) {
        String text = schema.toString();
        if (!text.contains(JAVA_STRING)) return schema;
        try {
            JsonNode tree = JSON.readTree(text);
            remove(tree);
            return new Schema.Parser().setValidateDefaults(false).parse(JSON.writeValueAsString(tree));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void remove(JsonNode node) {
        if (node instanceof ObjectNode object) object.remove(JAVA_STRING);
        for (JsonNode child : node) remove(child);
    }
}
