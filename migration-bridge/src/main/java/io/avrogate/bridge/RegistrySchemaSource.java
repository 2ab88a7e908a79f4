package io.avrogate.bridge;

import io.avrogate.registry.client.RegistryClientException;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SubjectVersion;
import io.avrogate.serde.RegistrySchemas;
import org.apache.avro.Schema;

/**
 * {@link SchemaSource} over the registry client. Parsing, reference resolution and the cache by id are serde's
 * {@link RegistrySchemas} (ids are immutable, so once warm the bridge makes no registry call per record); this adds
 * the subject-version lookup and turns the registry's "not found" into {@link UnknownSchemaException}.
 */
public final class RegistrySchemaSource implements SchemaSource {
    private final SchemaRegistryClient client;
    private final RegistrySchemas schemas;

    public RegistrySchemaSource(SchemaRegistryClient client) {
        this.client = client;
        this.schemas = new RegistrySchemas(client);
    }

    @Override
    public Schema byId(int id) {
        try {
            return schemas.byId(id);
        } catch (RegistryClientException e) {
            if (e.isNotFound()) throw new UnknownSchemaException("schema id " + id + " is not registered", e);
            throw e;
        }
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
        return new Registered(v.subject(), v.version(), v.id(), schemas.of(v));
    }
}
