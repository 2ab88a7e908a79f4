package io.avrogate.registry.client;

import java.util.List;

/**
 * What a client sends to register, look up or check a schema, and what {@code GET /schemas/ids/{id}} answers:
 * the schema text, its type and its references. Equality is by content, so it is a safe cache key.
 *
 * @param schemaType "AVRO", "JSON" or "PROTOBUF"; never null (the API omits it for AVRO)
 */
public record SchemaContent(String schema, String schemaType, List<SchemaReference> references) {
    public static final String AVRO = "AVRO";

    public SchemaContent {
        if (schema == null) throw new IllegalArgumentException("schema text is required");
        schemaType = schemaType == null ? AVRO : schemaType;
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** An Avro schema with no references. */
    public static SchemaContent avro(String schema) {
        return new SchemaContent(schema, AVRO, List.of());
    }

    public static SchemaContent avro(String schema, List<SchemaReference> references) {
        return new SchemaContent(schema, AVRO, references);
    }
}
