package io.avrogate.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One version of a subject, as stored in the {@code _schemas} topic (Confluent's SchemaValue).
 *
 * @param schemaType null for AVRO (Confluent leaves it out)
 * @param metadata   data-contract metadata, or null
 */
public record StoredVersion(String subject, int version, int id, String schemaType, List<SchemaReference> references,
                            JsonNode metadata, String schema, boolean deleted) {

    public SubjectVersion subjectVersion() {
        return new SubjectVersion(subject, version);
    }

    /** What makes two registrations the same schema (and so the same id): type, text, references, metadata. */
    public String contentKey() {
        return contentKey(schemaType, schema, references, metadata);
    }

    public static String contentKey(String schemaType, String schema, List<SchemaReference> references, JsonNode metadata) {
        return (schemaType == null ? "AVRO" : schemaType) + '\u0000' + schema + '\u0000' + references + '\u0000'
                + (metadata == null ? "" : metadata.toString());
    }

    public StoredVersion withDeleted(boolean value) {
        return new StoredVersion(subject, version, id, schemaType, references, metadata, schema, value);
    }
}
