package io.avrogate.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One version of a subject, as stored in the {@code _schemas} topic (Confluent's SchemaValue).
 *
 * @param schemaType null for AVRO (Confluent leaves it out)
 * @param metadata   data-contract metadata ({@link DataContracts} canonical form), or null
 * @param ruleSet    data-contract rules, or null (Confluent's community server drops them; we keep them)
 */
public record StoredVersion(String subject, int version, int id, String schemaType, List<SchemaReference> references,
                            JsonNode metadata, JsonNode ruleSet, String schema, boolean deleted) {

    /** A version without rules. */
    public StoredVersion(String subject, int version, int id, String schemaType, List<SchemaReference> references,
                         JsonNode metadata, String schema, boolean deleted) {
        this(subject, version, id, schemaType, references, metadata, null, schema, deleted);
    }

    /** The context whose ids {@link #id} belongs to. */
    public String context() {
        return Contexts.of(subject);
    }

    public SubjectVersion subjectVersion() {
        return new SubjectVersion(subject, version);
    }

    /**
     * What makes two registrations the same schema (and so the same id within a context): type, text, references,
     * metadata and rule set.
     */
    public String contentKey() {
        return contentKey(schemaType, schema, references, metadata, ruleSet);
    }

    public static String contentKey(String schemaType, String schema, List<SchemaReference> references, JsonNode metadata,
                                    JsonNode ruleSet) {
        return (schemaType == null ? "AVRO" : schemaType) + '\u0000' + schema + '\u0000' + references + '\u0000'
                + (metadata == null ? "" : metadata.toString()) + '\u0000' + (ruleSet == null ? "" : ruleSet.toString());
    }

    public StoredVersion withDeleted(boolean value) {
        return new StoredVersion(subject, version, id, schemaType, references, metadata, ruleSet, schema, value);
    }
}
