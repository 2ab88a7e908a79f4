package io.avrogate.bridge;

import io.avrogate.core.AvroSchemas;
import io.avrogate.registry.client.RegistryClientException;
import io.avrogate.registry.client.SchemaContent;
import io.avrogate.registry.client.SchemaReference;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SubjectVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * {@link SchemaSource} over the registry client. Schema references are resolved through the registry (a referenced
 * type's text is parsed before the schema that uses it), and parsed schemas are cached by id: ids are immutable,
 * so once warm the bridge makes no registry call per record.
 */
public final class RegistrySchemaSource implements SchemaSource {
    private final SchemaRegistryClient client;
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();

    public RegistrySchemaSource(SchemaRegistryClient client) {
        this.client = client;
    }

    @Override
    public Schema byId(int id) {
        Schema cached = byId.get(id);
        if (cached != null) return cached;
        SchemaContent content;
        try {
            content = client.schemaById(id);
        } catch (RegistryClientException e) {
            if (e.isNotFound()) throw new UnknownSchemaException("schema id " + id + " is not registered", e);
            throw e;
        }
        Schema schema = parse(content);
        byId.put(id, schema);
        return schema;
    }

    @Override
    public Registered version(String subject, Integer version) {
        SubjectVersion v;
        try {
            v = client.version(subject, version == null ? "latest" : String.valueOf(version));
        } catch (RegistryClientException e) {
            if (e.isNotFound()) {
                throw new UnknownSchemaException("subject '" + subject + "' has no registered version "
                        + (version == null ? "(none at all)" : version) + ": register the schemas first"
                        + " (the bridge never registers)", e);
            }
            throw e;
        }
        Schema schema = byId.computeIfAbsent(v.id(), id -> parse(v.content()));
        return new Registered(v.subject(), v.version(), v.id(), schema);
    }

    private Schema parse(SchemaContent content) {
        if (!SchemaContent.AVRO.equals(content.schemaType())) {
            throw new IllegalStateException("the bridge translates Avro only, not " + content.schemaType());
        }
        Map<String, String> texts = new LinkedHashMap<>();
        collectReferences(content.references(), texts);
        return AvroSchemas.parse(content.schema(), new ArrayList<>(texts.values()), false);
    }

    /** Depth first, so that a type is parsed before whatever uses it. */
    private void collectReferences(List<SchemaReference> references, Map<String, String> out) {
        for (SchemaReference ref : references) {
            String key = ref.subject() + "/" + ref.version();
            if (out.containsKey(key)) continue;
            SubjectVersion v = client.version(ref.subject(), String.valueOf(ref.version()));
            collectReferences(v.content().references(), out);
            out.put(key, v.content().schema());
        }
    }
}
