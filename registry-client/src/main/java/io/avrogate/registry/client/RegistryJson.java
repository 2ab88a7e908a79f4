package io.avrogate.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The API's JSON shapes to and from this module's records. Unknown fields in answers are ignored. */
final class RegistryJson {
    private RegistryJson() {
    }

    /** The body of register, lookup and compatibility requests: schemaType and references only when needed. */
    static ObjectNode request(SchemaContent content) {
        ObjectNode body = RegistryTransport.JSON.createObjectNode();
        // Omitted for AVRO, as Confluent's client does: old servers reject the field (422 "Unrecognized field").
        if (!content.schemaType().equals(SchemaContent.AVRO)) body.put("schemaType", content.schemaType());
        if (!content.references().isEmpty()) {
            ArrayNode refs = body.putArray("references");
            for (SchemaReference r : content.references()) {
                refs.addObject().put("name", r.name()).put("subject", r.subject()).put("version", r.version());
            }
        }
        body.put("schema", content.schema());
        return body;
    }

    /** A SchemaString or Schema object: schema text, type (absent = AVRO) and references. */
    static SchemaContent content(JsonNode node) {
        JsonNode schema = node.get("schema");
        if (schema == null || !schema.isTextual()) throw malformed("a schema", node);
        List<SchemaReference> refs = new ArrayList<>();
        for (JsonNode r : node.path("references")) {
            refs.add(new SchemaReference(r.path("name").asText(), r.path("subject").asText(), r.path("version").asInt()));
        }
        JsonNode type = node.get("schemaType");
        return new SchemaContent(schema.asText(), type == null || type.isNull() ? SchemaContent.AVRO : type.asText(), refs);
    }

    static SubjectVersion subjectVersion(JsonNode node) {
        if (!node.has("subject") || !node.has("version") || !node.has("id")) throw malformed("a subject version", node);
        return new SubjectVersion(node.path("subject").asText(), node.path("version").asInt(), node.path("id").asInt(),
                content(node));
    }

    static int id(JsonNode node) {
        JsonNode id = node.get("id");
        if (id == null || !id.canConvertToInt()) throw malformed("an id", node);
        return id.asInt();
    }

    static List<Integer> ints(JsonNode node) {
        if (!node.isArray()) throw malformed("a list of numbers", node);
        List<Integer> out = new ArrayList<>(node.size());
        for (JsonNode n : node) out.add(n.asInt());
        return out;
    }

    static List<String> strings(JsonNode node) {
        if (!node.isArray()) throw malformed("a list of strings", node);
        List<String> out = new ArrayList<>(node.size());
        for (JsonNode n : node) out.add(n.asText());
        return out;
    }

    static List<SchemaRegistryClient.SubjectVersionRef> refs(JsonNode node) {
        if (!node.isArray()) throw malformed("a list of subject versions", node);
        List<SchemaRegistryClient.SubjectVersionRef> out = new ArrayList<>(node.size());
        for (JsonNode n : node) out.add(new SchemaRegistryClient.SubjectVersionRef(n.path("subject").asText(), n.path("version").asInt()));
        return out;
    }

    static CompatibilityVerdict verdict(JsonNode node) {
        if (!node.has("is_compatible")) throw malformed("a compatibility answer", node);
        List<String> messages = new ArrayList<>();
        for (JsonNode m : node.path("messages")) messages.add(m.isTextual() ? m.asText() : m.toString());
        return new CompatibilityVerdict(node.path("is_compatible").asBoolean(), messages);
    }

    static String field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) throw malformed("'" + name + "'", node);
        return value.asText();
    }

    private static RegistryClientException malformed(String expected, JsonNode node) {
        String text = String.valueOf(node);
        return new RegistryClientException(200, 50005, "the registry answered without " + expected + ": "
                + (text.length() > 200 ? text.substring(0, 200) + "..." : text));
    }
}
