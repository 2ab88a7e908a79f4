package io.avrogate.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avrogate.registry.DataContracts;
import io.avrogate.registry.RegisterRequest;
import io.avrogate.registry.RegistryError;
import io.avrogate.registry.SchemaReference;
import io.avrogate.registry.StoredVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Request bodies in, Confluent's response shapes out. Empty and AVRO-default fields are left out, as Confluent does. */
final class Json {
    /** Strict about what follows the body's value: {"schema":"x"} garbage is malformed, not {"schema":"x"}. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {}

    /** Parses a request body; anything that is not a JSON object is Confluent's 400. */
    static JsonNode object(byte[] body, String typeName) {
        if (body == null || body.length == 0) return MAPPER.createObjectNode();
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (IOException e) {
            String message = e.getMessage() == null ? "Malformed JSON" : e.getMessage().lines().findFirst().orElse("Malformed JSON");
            throw RegistryError.MALFORMED_JSON.exception(message);
        }
        if (node == null || node.isMissingNode()) return MAPPER.createObjectNode();
        if (!node.isObject()) {
            throw RegistryError.UNEXPECTED_JSON_TYPE.exception(typeName, node.isArray()
                    ? "Array value (token `JsonToken.START_ARRAY`)"
                    : node.getNodeType().name().toLowerCase(Locale.ROOT) + " value");
        }
        return node;
    }

    static RegisterRequest registerRequest(byte[] body) {
        JsonNode node = object(body, "RegisterSchemaRequest");
        JsonNode schema = node.get("schema");
        if (schema != null && !schema.isNull() && !schema.isTextual()) {
            throw RegistryError.UNEXPECTED_JSON_TYPE.exception("java.lang.String", schema.getNodeType() + " (field \"schema\")");
        }
        List<SchemaReference> references = new ArrayList<>();
        JsonNode refs = node.get("references");
        if (refs != null && !refs.isNull()) {
            if (!refs.isArray()) throw RegistryError.FIELD_NOT_ARRAY.exception("references");
            for (JsonNode r : refs) {
                if (!r.isObject() || !r.path("name").isTextual() || !r.path("subject").isTextual() || !r.path("version").canConvertToInt()) {
                    throw RegistryError.MALFORMED_REFERENCE.exception();
                }
                references.add(new SchemaReference(r.get("name").asText(), r.get("subject").asText(), r.get("version").asInt()));
            }
        }
        return new RegisterRequest(schema == null || schema.isNull() ? null : schema.asText(),
                text(node, "schemaType"), List.copyOf(references),
                DataContracts.metadata(node.get("metadata")), DataContracts.ruleSet(node.get("ruleSet")),
                integer(node, "version"), integer(node, "id"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw RegistryError.FIELD_NOT_STRING.exception(field);
        return v.asText();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            if (v.isTextual()) {
                try {
                    return Integer.parseInt(v.asText());
                } catch (NumberFormatException e) {
                    // fall through
                }
            }
            throw RegistryError.FIELD_NOT_INTEGER.exception(field);
        }
        return v.asInt();
    }

    /** A Schema object: subject, version, id, schemaType (not for AVRO), references, metadata, schema. */
    static ObjectNode version(StoredVersion v, boolean withSubject) {
        return version(v, withSubject, v.schema());
    }

    /** @param schema the schema text to show: the stored one, or its {@code format=resolved} rendering */
    static ObjectNode version(StoredVersion v, boolean withSubject, String schema) {
        ObjectNode out = MAPPER.createObjectNode();
        if (withSubject) out.put("subject", v.subject());
        out.put("version", v.version()).put("id", v.id());
        schemaFields(out, v, schema);
        return out;
    }

    /** A SchemaString object, as GET /schemas/ids/{id} returns it. */
    static ObjectNode schemaString(StoredVersion v) {
        return schemaString(v, v.schema());
    }

    static ObjectNode schemaString(StoredVersion v, String schema) {
        return schemaFields(MAPPER.createObjectNode(), v, schema);
    }

    private static ObjectNode schemaFields(ObjectNode out, StoredVersion v, String schema) {
        if (v.schemaType() != null) out.put("schemaType", v.schemaType());
        if (!v.references().isEmpty()) out.set("references", references(v.references()));
        if (v.metadata() != null) out.set("metadata", v.metadata());
        if (v.ruleSet() != null) out.set("ruleSet", v.ruleSet());
        out.put("schema", schema);
        return out;
    }

    static ArrayNode references(List<SchemaReference> refs) {
        ArrayNode array = MAPPER.createArrayNode();
        for (SchemaReference r : refs) array.addObject().put("name", r.name()).put("subject", r.subject()).put("version", r.version());
        return array;
    }

    static ObjectNode error(int code, String message) {
        return MAPPER.createObjectNode().put("error_code", code).put("message", message);
    }
}
