package io.avrogate.ingest;

import io.avrogate.registry.client.RegistryClientException;
import io.avrogate.registry.client.SchemaContent;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SubjectVersion;
import io.avrogate.serde.RegistrySchemas;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.avro.Schema;

/**
 * The latest value schema of each topic, by Confluent's TopicNameStrategy ({@code <topic>-value}), looked up through
 * the registry client and kept for a time-to-live, so that a newly registered version is picked up within the TTL
 * while a busy topic costs no registry call per request. Parsed schemas are kept by id for good (ids are immutable);
 * schema references are resolved through the registry, dependencies first.
 */
public final class TopicSchemas {
    private record Cached(TopicSchema schema, long fetchedAtNanos) {}

    private final SchemaRegistryClient client;
    private final long ttlNanos;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Cached> byTopic = new ConcurrentHashMap<>();
    private final RegistrySchemas schemas;

    public TopicSchemas(SchemaRegistryClient client, Duration ttl) {
        this(client, ttl, System::nanoTime);
    }

    TopicSchemas(SchemaRegistryClient client, Duration ttl, LongSupplier clock) {
        this.client = client;
        this.schemas = new RegistrySchemas(client);
        this.ttlNanos = ttl.toNanos();
        this.clock = clock;
    }

    public static String subjectOf(String topic) {
        return topic + "-value";
    }

    /**
     * The topic's current schema.
     *
     * @throws RegistryClientException 404 when the subject does not exist (or has no versions), other statuses as the
     *                                 registry answered, {@link RegistryClientException#UNREACHABLE} when it did not
     * @throws io.avrogate.core.InvalidSchemaException when the registered schema does not parse (e.g. not Avro)
     */
    public TopicSchema latest(String topic) {
        long now = clock.getAsLong();
        Cached cached = byTopic.get(topic);
        if (cached != null && now - cached.fetchedAtNanos() < ttlNanos) return cached.schema();
        String subject = subjectOf(topic);
        SubjectVersion latest = client.latest(subject);
        if (!SchemaContent.AVRO.equals(latest.content().schemaType())) {
            throw new io.avrogate.core.InvalidSchemaException("subject " + subject + " holds a "
                    + latest.content().schemaType() + " schema; the ingest service converts to Avro only");
        }
        Schema schema = schemas.of(latest); // parse failures are InvalidSchemaException from AvroSchemas
        TopicSchema fresh = new TopicSchema(topic, subject, latest.version(), latest.id(), schema);
        byTopic.put(topic, new Cached(fresh, now));
        return fresh;
    }
}
