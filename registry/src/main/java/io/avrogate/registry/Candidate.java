package io.avrogate.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.apache.avro.Schema;

/**
 * A schema from a request, parsed and rendered the way it will be stored.
 *
 * @param schema     the stored text (Avro's compact form, referenced types by name)
 * @param references with "latest" (-1) resolved to concrete versions
 */
record Candidate(String schema, String schemaType, List<SchemaReference> references, Schema parsed) {

    String contentKey(JsonNode metadata, JsonNode ruleSet) {
        return StoredVersion.contentKey(schemaType, schema, references, metadata, ruleSet);
    }

    /** Same schema as a stored version, whatever metadata either carries. */
    boolean sameSchemaAs(StoredVersion v) {
        return java.util.Objects.equals(schemaType, v.schemaType()) && schema.equals(v.schema())
                && references.equals(v.references());
    }
}
