package io.avrogate.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Schema identity that survives cosmetic differences: property order and {@code avro.java.string}
 * (added by avro-maven-plugin) do not make two schemas different. Used for {@code normalize=true},
 * for client cache keys, and for the checker's immutability rule.
 */
public final class SchemaIdentity {
    /** The property avro-maven-plugin adds for {@code stringType=String}; it changes Java code, not data. */
    public static final String JAVA_STRING_PROPERTY = "avro.java.string";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaIdentity() {}

    /** A deterministic JSON rendering with object keys sorted and {@code avro.java.string} removed. */
    public static String normalizedForm(Schema schema) {
        try {
            JsonNode tree = JSON.readTree(schema.toString());
            return JSON.writeValueAsString(normalize(tree));
        } catch (JsonProcessingException e) {
            // Schema.toString() always renders valid JSON; reaching this is a bug in Avro, not bad input.
            throw new IllegalStateException("Avro rendered unparsable JSON for " + schema.getFullName(), e);
        }
    }

    /** SHA-256 of {@link #normalizedForm}, lower-case hex. */
    public static String fingerprint(Schema schema) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest(normalizedForm(schema).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }

    /** True when the two schemas have the same normalized form. */
    public static boolean equivalent(Schema a, Schema b) {
        return normalizedForm(a).equals(normalizedForm(b));
    }

    /**
     * Removes {@code avro.java.string} wherever it appears: Avro renders {@code {"type":"string",
     * "avro.java.string":"String"}} for a string with the property, so such an object collapses back to the
     * plain primitive name once the property is gone.
     */
    private static JsonNode normalize(JsonNode node) {
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(element -> out.add(normalize(element)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.remove(JAVA_STRING_PROPERTY);
        Collections.sort(names);
        if (names.size() == 1 && names.get(0).equals("type") && node.get("type").isTextual()) {
            return node.get("type");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String name : names) {
            out.set(name, normalize(node.get(name)));
        }
        return out;
    }
}
