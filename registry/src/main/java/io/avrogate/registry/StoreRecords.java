package io.avrogate.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The keys and values of the {@code _schemas} topic, in Confluent's JSON shapes. Key fields are written in a fixed
 * order because compaction compares keys byte for byte: a key written differently would not replace the old one.
 * One key type is ours: ID_WATERMARK records the highest id ever assigned, so that ids stay unique even after
 * compaction has removed the tombstoned schemas that once held the highest ids.
 */
public final class StoreRecords {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One record to append: key and value bytes (value null = tombstone). */
    public record Record(byte[] key, byte[] value) {}

    /**
     * The {@code keytype} of a key. All but {@link #ID_WATERMARK} are Confluent's; a reader meets the ones we never
     * write (CLEAR_SUBJECT, CONTEXT) when the topic was written by Confluent, and other values when a newer writer
     * added key types: those are read as {@link #of} empty and skipped.
     */
    enum KeyType {
        SCHEMA, CONFIG, MODE, DELETE_SUBJECT, CLEAR_SUBJECT, CONTEXT, NOOP, ID_WATERMARK;

        static Optional<KeyType> of(String keytype) {
            for (KeyType t : values()) {
                if (t.name().equals(keytype)) return Optional.of(t);
            }
            return Optional.empty();
        }
    }

    private StoreRecords() {}

    static Record schema(StoredVersion v) {
        ObjectNode value = JSON.createObjectNode();
        value.put("subject", v.subject()).put("version", v.version()).put("id", v.id());
        if (v.schemaType() != null) value.put("schemaType", v.schemaType());
        if (!v.references().isEmpty()) value.set("references", references(v.references()));
        if (v.metadata() != null) value.set("metadata", v.metadata());
        if (v.ruleSet() != null) value.set("ruleSet", v.ruleSet());
        value.put("schema", v.schema()).put("deleted", v.deleted());
        return new Record(bytes(schemaKey(v.subjectVersion())), bytes(value));
    }

    static Record schemaTombstone(SubjectVersion version) {
        return new Record(bytes(schemaKey(version)), null);
    }

    private static ObjectNode schemaKey(SubjectVersion v) {
        return key(KeyType.SCHEMA).put("subject", v.subject()).put("version", v.version()).put("magic", 1);
    }

    static Record config(String subject, JsonNode config) {
        return new Record(bytes(subjectSettingKey(KeyType.CONFIG, subject)), config == null ? null : bytes(config));
    }

    static Record mode(String subject, Mode mode) {
        return new Record(bytes(subjectSettingKey(KeyType.MODE, subject)),
                mode == null ? null : bytes(JSON.createObjectNode().put("mode", mode.name())));
    }

    /** A CONFIG or MODE key: subject null for the global setting. */
    private static ObjectNode subjectSettingKey(KeyType type, String subject) {
        ObjectNode key = key(type);
        if (subject == null) key.putNull("subject"); else key.put("subject", subject);
        return key.put("magic", 0);
    }

    static Record deleteSubject(String subject, int lastVersion) {
        ObjectNode key = key(KeyType.DELETE_SUBJECT).put("subject", subject).put("magic", 0);
        return new Record(bytes(key), bytes(JSON.createObjectNode().put("subject", subject).put("version", lastVersion)));
    }

    /**
     * The highest id of a context. The default context's key has no {@code context} field (as before contexts
     * existed); another context's key names it, so that compaction keeps one watermark per context.
     */
    static Record idWatermark(String context, int maxId) {
        ObjectNode key = key(KeyType.ID_WATERMARK);
        ObjectNode value = JSON.createObjectNode().put("maxId", maxId);
        if (!Contexts.DEFAULT.equals(context)) {
            key.put("context", context);
            value.put("context", context);
        }
        return new Record(bytes(key.put("magic", 0)), bytes(value));
    }

    static Record noop() {
        return new Record(bytes(key(KeyType.NOOP).put("magic", 0)), null);
    }

    /** A key starting with its keytype; the caller adds the other fields in Confluent's order. */
    private static ObjectNode key(KeyType type) {
        return JSON.createObjectNode().put("keytype", type.name());
    }

    /** The key type of a key read from the topic, or empty for one this version does not know. */
    static Optional<KeyType> keyType(JsonNode key) {
        return KeyType.of(key.path("keytype").asText());
    }

    static ArrayNode references(List<SchemaReference> refs) {
        ArrayNode array = JSON.createArrayNode();
        for (SchemaReference r : refs) {
            array.addObject().put("name", r.name()).put("subject", r.subject()).put("version", r.version());
        }
        return array;
    }

    static List<SchemaReference> references(JsonNode array) {
        List<SchemaReference> refs = new ArrayList<>();
        if (array != null) {
            for (JsonNode r : array) refs.add(new SchemaReference(r.path("name").asText(), r.path("subject").asText(), r.path("version").asInt()));
        }
        return List.copyOf(refs);
    }

    static StoredVersion parseSchemaValue(JsonNode value) {
        return new StoredVersion(value.path("subject").asText(), value.path("version").asInt(), value.path("id").asInt(),
                value.hasNonNull("schemaType") && !value.get("schemaType").asText().equals("AVRO") ? value.get("schemaType").asText() : null,
                references(value.get("references")), value.path("metadata").isObject() ? DataContracts.metadata(value.get("metadata")) : null,
                value.path("ruleSet").isObject() ? value.get("ruleSet") : null, value.path("schema").asText(), value.path("deleted").asBoolean(false));
    }

    static JsonNode parse(byte[] bytes) {
        if (bytes == null) return null;
        try {
            return JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
