package io.avrogate.serde;

import io.avrogate.core.AvroSchemas;
import io.avrogate.registry.client.SchemaContent;
import io.avrogate.registry.client.SchemaReference;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SubjectVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Parsed Avro schemas by registry id, with schema references resolved: the referenced subjects' versions are
 * fetched (their own references first) and parsed before the schema that uses them. Ids are immutable, so each id
 * is fetched and parsed once per instance and kept. Public so that other readers of the registry (the ingest
 * service) resolve references the same way.
 */
public final class RegistrySchemas {
    private final SchemaRegistryClient client;
    private final ConcurrentHashMap<Integer, Schema> byId = new ConcurrentHashMap<>();

    public RegistrySchemas(SchemaRegistryClient client) {
        this.client = client;
    }

    /**
     * The schema with this id.
     *
     * @throws io.avrogate.registry.client.RegistryClientException when the registry does not know it or cannot be reached
     * @throws IllegalArgumentException when it is not an Avro schema or does not parse
     */
    public Schema byId(int id) {
        Schema schema = byId.get(id);
        if (schema == null) {
            schema = parse(client.schemaById(id));
            byId.putIfAbsent(id, schema);
        }
        return schema;
    }

    /** The schema of a subject version already fetched (e.g. the latest), cached under its id. */
    public Schema of(SubjectVersion version) {
        Schema schema = byId.get(version.id());
        if (schema == null) {
            schema = parse(version.content());
            byId.putIfAbsent(version.id(), schema);
        }
        return schema;
    }

    private Schema parse(SchemaContent content) {
        if (!SchemaContent.AVRO.equals(content.schemaType())) {
            throw new IllegalArgumentException("it is a " + content.schemaType() + " schema, not Avro");
        }
        List<String> referenced = new ArrayList<>();
        collect(content.references(), referenced, new HashSet<>());
        return AvroSchemas.parse(content.schema(), referenced, false);
    }

    /** Appends the texts of {@code references} and of everything they reference, dependencies first. */
    private void collect(List<SchemaReference> references, List<String> texts, Set<String> seen) {
        for (SchemaReference reference : references) {
            if (!seen.add(reference.subject() + "@" + reference.version())) continue;
            SubjectVersion version = client.version(reference.subject(), String.valueOf(reference.version()));
            collect(version.content().references(), texts, seen);
            texts.add(version.content().schema());
        }
    }
}
