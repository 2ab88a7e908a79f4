package io.avrogate.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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

    private StoreRecords() {}

    static Record schema(StoredVersion v) {
        ObjectNode key = JSON.createObjectNode();
        key.put("keytype", "SCHEMA").put("subject", v.subject()).put("version", v.version()).put("magic", 1);
        ObjectNode value = JSON.createObjectNode();
        value.put("subject", v.subject()).put("version", v.version()).put("id", v.id());
        if (v.schemaType() != null) value.put("schemaType", v.schemaType());
        if (!v.references().isEmpty()) value.set("references", references(v.references()));
        if (v.metadata() != null) value.set("metadata", v.metadata());
        value.put("schema", v.schema()).put("deleted", v.deleted());
        return new Record(bytes(key), bytes(value));
    }

    static Record schemaTombstone(String subject, int version) {
        ObjectNode key = JSON.createObjectNode();
        key.put("keytype", "SCHEMA").put("subject", subject).put("version", version).put("magic", 1);
        return new Record(bytes(key), null);
    }

    static Record config(String subject, JsonNode config) {
        ObjectNode key = JSON.createObjectNode();
        key.put("keytype", "CONFIG");
        if (subject == null) key.putNull("subject"); else key.put("subject", subject);
        key.put("magic", 0);
        return new Record(bytes(key), config == null ? null : bytes(config));
    }

    static Record mode(String subject, String mode) {
        ObjectNode key = JSON.createObjectNode();
        key.put("keytype", "MODE");
        if (subject == null) key.putNull("subject"); else key.put("subject", subject);
        key.put("magic", 0);
        return new Record(bytes(key), mode == null ? null : bytes(JSON.createObjectNode().put("mode", mode)));
    }

    static Record deleteSubject(String subject, int lastVersion) {
        ObjectNode key = JSON.createObjectNode().put("keytype", "DELETE_SUBJECT").put("subject", subject).put("magic", 0);
        return new Record(bytes(key), bytes(JSON.createObjectNode().put("subject", subject).put("version", lastVersion)));
    }

    static Record idWatermark(int maxId) {
        ObjectNode key = JSON.createObjectNode().put("keytype", "ID_WATERMARK").put("magic", 0);
        return new Record(bytes(key), bytes(JSON.createObjectNode().put("maxId", maxId)));
    }

    static Record noop() {
        return new Record(bytes(JSON.createObjectNode().put("keytype", "NOOP").put("magic", 0)), null);
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
                references(value.get("references")), value.hasNonNull("metadata") ? value.get("metadata") : null,
                value.path("schema").asText(), value.path("deleted").asBoolean(false));
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
