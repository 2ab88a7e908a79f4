package io.avrogate.producer;

import io.avrogate.registry.client.SchemaContent;
import io.avrogate.registry.client.SchemaReference;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Registers the repository's tracking schemas on the test registry, under subjects unique to a test. */
public final class RegisteredSchemas implements AutoCloseable {
    private final SchemaRegistryClient client;

    public RegisteredSchemas(String registryUrl) {
        this.client = SchemaRegistryClients.create(Map.of("schema.registry.url", registryUrl));
    }

    public SchemaRegistryClient client() {
        return client;
    }

    /** A fresh topic name, e.g. {@code app-events-3f2a...}. */
    public static String uniqueTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Registers version {@code version} of a repository subject as {@code <topic>-value}; its references are
     * registered first under subjects of their own, unique to this topic. Answers the schema id.
     */
    public int registerValue(String topic, String repoSubject, int version) {
        List<SchemaReference> references = TrackingSchemas.references(repoSubject).stream().map(ref -> {
            String subject = topic + "-" + ref.subject();
            client.register(subject, SchemaContent.avro(TrackingSchemas.text(ref.subject(), ref.version())), false);
            return new SchemaReference(ref.name(), subject, 1);
        }).toList();
        return client.register(topic + "-value",
                SchemaContent.avro(TrackingSchemas.text(repoSubject, version), references), false);
    }

    @Override
    public void close() {
        client.close();
    }
}
