package io.avrogate.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avrogate.core.InvalidSchemaException;
import io.avrogate.producer.AvroProducer;
import io.avrogate.core.json.ConversionError;
import io.avrogate.core.json.JsonConversionException;
import io.avrogate.core.json.JsonToAvro;
import io.avrogate.registry.client.RegistryClientException;
import io.avrogate.producer.AvroProducerConfig;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The ingest pipeline without HTTP: events of a topic are enriched, converted to the topic's latest value schema,
 * and the valid ones produced; every event gets a result. Used by the HTTP service and by {@code avrogate produce}.
 *
 * <p>Batch semantics: by default each event stands alone, so the valid events of a batch are written and the invalid
 * ones reported, none dropped silently. An atomic request writes nothing when any event is invalid (validation is
 * all-or-nothing; a broker failure while writing can still leave a partial batch, reported per event).
 */
public final class IngestService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private final SchemaRegistryClient registry;
    private final Admin admin;
    private final TopicSchemas schemas;
    private final KafkaTopics topics;
    private final AvroProducer<Object, GenericRecord> producer;
    private final JsonToAvro converter;
    private final List<EventEnricher> enrichers;
    private final TopicGuard guard;

    IngestService(SchemaRegistryClient registry, Admin admin, TopicSchemas schemas, KafkaTopics topics,
                  AvroProducer<Object, GenericRecord> producer, JsonToAvro converter, List<EventEnricher> enrichers) {
        this(registry, admin, schemas, topics, producer, converter, enrichers, TopicGuard.of(java.util.Set.of(), null));
    }

    IngestService(SchemaRegistryClient registry, Admin admin, TopicSchemas schemas, KafkaTopics topics,
                  AvroProducer<Object, GenericRecord> producer, JsonToAvro converter, List<EventEnricher> enrichers,
                  TopicGuard guard) {
        this.guard = guard;
        this.registry = registry;
        this.admin = admin;
        this.schemas = schemas;
        this.topics = topics;
        this.producer = producer;
        this.converter = converter;
        this.enrichers = List.copyOf(enrichers);
    }

    /**
     * The topic's current schema, after checking that the topic exists.
     *
     * @throws IngestException 403 for a topic ingest may not write to (see {@link TopicGuard}), 404 for an unknown topic
     *                         or subject, 503 when the registry or Kafka is unreachable
     */
    public TopicSchema schemaOf(String topic) {
        guard.check(topic);
        TopicSchema schema;
        try {
            schema = schemas.latest(topic);
        } catch (RegistryClientException e) {
            if (e.isNotFound()) {
                throw new IngestException(404, 40401, "no schema registered for topic '" + topic + "': subject '"
                        + TopicSchemas.subjectOf(topic) + "' not found (schemas are registered by the CI register step)");
            }
            throw new IngestException(503, 50301, "schema registry unavailable: " + e.getMessage());
        } catch (InvalidSchemaException e) {
            throw new IngestException(500, 50001, "the registered schema of topic '" + topic + "' cannot be used: " + e.getMessage());
        }
        if (schema.schema().getType() != org.apache.avro.Schema.Type.RECORD) {
            // Events are JSON objects; a topic of bare strings or numbers is fed by AvroProducer, not by ingest.
            throw new IngestException(400, 40003, "the value schema of topic '" + topic + "' (" + schema.subject()
                    + " version " + schema.version() + ") is a " + schema.schema().getType().getName()
                    + ", not a record; the ingest service takes record events only");
        }
        if (topics != null) topics.requireExists(topic);
        return schema;
    }

    /** The Kafka clients behind the service (producer, admin), for their metrics; the admin is null in some tests. */
    List<Object> kafkaClients() {
        List<Object> clients = new ArrayList<>();
        if (producer != null) clients.add(producer.kafkaProducer());
        if (admin != null) clients.add(admin);
        return clients;
    }

    /** The admin client, for the Kafka readiness check; null in some tests. */
    Admin admin() {
        return admin;
    }

    /** The registry client, for the registry readiness check. */
    SchemaRegistryClient registry() {
        return registry;
    }

    /** Whether ingest is limited to declared topics (see {@link TopicGuard}). */
    public boolean topicsDeclared() {
        return guard.declaredOnly();
    }

    /** Enriches and converts one event; the record, or the reasons it does not fit. */
    public Conversion convert(TopicSchema schema, JsonNode event, EventEnricher.Request request) {
        if (event instanceof ObjectNode object) {
            for (EventEnricher enricher : enrichers) enricher.enrich(object, schema.schema(), request);
        }
        try {
            return new Conversion(converter.toRecord(event, schema.schema()), List.of());
        } catch (JsonConversionException e) {
            return new Conversion(null, e.errors());
        }
    }

    /** A converted event: the record, or the errors when it does not fit. */
    public record Conversion(GenericRecord record, List<ConversionError> errors) {
        public boolean valid() {
            return record != null;
        }
    }

    /** Converts every item, then produces the valid ones (all or none when atomic) and waits for Kafka's answers. */
    IngestOutcome ingest(String topic, List<IngestBody.Item> items, EventEnricher.Request request, boolean atomic) {
        TopicSchema schema = schemaOf(topic);
        List<Conversion> conversions = new ArrayList<>(items.size());
        boolean anyInvalid = false;
        for (IngestBody.Item item : items) {
            Conversion conversion = item.json() == null
                    ? new Conversion(null, List.of(new ConversionError("/", item.error())))
                    : convert(schema, item.json(), request);
            conversions.add(conversion);
            anyInvalid |= !conversion.valid();
        }
        boolean send = !(atomic && anyInvalid);
        List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>(items.size());
        for (Conversion conversion : conversions) {
            sends.add(send && conversion.valid() ? producer.sendAsync(topic, null, conversion.record()) : null);
        }
        List<EventResult> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            IngestBody.Item item = items.get(i);
            Conversion conversion = conversions.get(i);
            if (!conversion.valid()) {
                results.add(EventResult.invalid(item.index(), item.line(), conversion.errors()));
            } else if (!send) {
                results.add(EventResult.notSent(item.index(), item.line()));
            } else {
                try {
                    RecordMetadata where = sends.get(i).join();
                    results.add(EventResult.ok(item.index(), item.line(), where.partition(), where.offset()));
                } catch (CompletionException e) {
                    results.add(EventResult.failed(item.index(), item.line(), e.getCause().getMessage()));
                }
            }
        }
        return new IngestOutcome(schema, results);
    }

    /** Produces one converted event (without key); the future completes with where it landed. */
    public CompletableFuture<RecordMetadata> send(String topic, GenericRecord record) {
        return producer.sendAsync(topic, null, record);
    }

    /** Waits until every event handed to Kafka so far is acknowledged. */
    public void flush() {
        producer.flush();
    }

    /** Flushes every accepted event, then closes the producer and the clients. */
    @Override
    public void close() {
        try {
            producer.close(Duration.ofSeconds(30));
        } finally {
            if (admin != null) admin.close(Duration.ofSeconds(5));
            registry.close();
        }
    }

    /**
     * Creates the service and the clients it owns.
     *
     * @param configs producer, serde and registry-client settings (Kafka and Confluent names): at least
     *                {@code bootstrap.servers} and {@code schema.registry.url}
     */
    public static IngestService create(IngestSettings settings, Map<String, ?> configs) {
        Map<String, Object> producerConfigs = producerConfigs(settings, configs);
        SchemaRegistryClient registry = SchemaRegistryClients.create(producerConfigs);
        AvroProducer<Object, GenericRecord> producer = null;
        Admin admin = null;
        try {
            producer = AvroProducer.<Object, GenericRecord>builder().configs(producerConfigs).build();
            admin = Admin.create(adminConfigs(producerConfigs));
            List<EventEnricher> enrichers = new ArrayList<>();
            if (settings.captureMetadata()) {
                enrichers.add(new CaptureMetadataEnricher(CaptureMetadataEnricher.DEFAULT_RECORD_FIELD,
                        settings.converter().bytesEncoding()));
            }
            enrichers.addAll(settings.enrichers());
            return new IngestService(registry, admin, new TopicSchemas(registry, settings.schemaTtl()),
                    new KafkaTopics(admin, String.valueOf(producerConfigs.get("bootstrap.servers")),
                            settings.schemaTtl(), Duration.ofSeconds(10)), producer,
                    new JsonToAvro(settings.converter()), enrichers,
                    TopicGuard.of(settings.allowedTopics(), settings.subjectsDir()));
        } catch (RuntimeException e) {
            log.debug("ingest service not created", e);
            if (producer != null) producer.close(Duration.ZERO);
            if (admin != null) admin.close(Duration.ZERO);
            registry.close();
            throw e;
        }
    }

    /**
     * The serde settings the service needs on top of the caller's: events are converted to the subject's latest
     * version, so the serializer writes with that version's id ({@code use.latest.version}) and never registers; its
     * latest-version cache lives as long as the service's schema cache.
     */
    static Map<String, Object> producerConfigs(IngestSettings settings, Map<String, ?> configs) {
        Map<String, Object> out = new HashMap<>(configs);
        out.putIfAbsent(AvroProducerConfig.AUTO_REGISTER_SCHEMAS, false);
        out.putIfAbsent(AvroProducerConfig.USE_LATEST_VERSION, true);
        out.putIfAbsent("latest.cache.ttl.sec", Math.max(1, settings.schemaTtl().toSeconds()));
        return out;
    }

    private static Map<String, Object> adminConfigs(Map<String, Object> configs) {
        Map<String, Object> out = new HashMap<>();
        configs.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) out.put(key, value);
        });
        return out;
    }
}
