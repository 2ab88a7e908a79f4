package io.avrogate.producer.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avrogate.core.InvalidSchemaException;
import io.avrogate.producer.AvroProducer;
import io.avrogate.producer.json.ConversionError;
import io.avrogate.producer.json.JsonConversionException;
import io.avrogate.producer.json.JsonToAvro;
import io.avrogate.registry.client.RegistryClientException;
import java.util.ArrayList;
import java.util.List;
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
public final class IngestService {
    private final TopicSchemas schemas;
    private final KafkaTopics topics;
    private final AvroProducer<Object, GenericRecord> producer;
    private final JsonToAvro converter;
    private final List<EventEnricher> enrichers;

    IngestService(TopicSchemas schemas, KafkaTopics topics, AvroProducer<Object, GenericRecord> producer,
                  JsonToAvro converter, List<EventEnricher> enrichers) {
        this.schemas = schemas;
        this.topics = topics;
        this.producer = producer;
        this.converter = converter;
        this.enrichers = List.copyOf(enrichers);
    }

    /**
     * The topic's current schema, after checking that the topic exists.
     *
     * @throws IngestException 404 for an unknown topic or subject, 503 when the registry or Kafka is unreachable
     */
    public TopicSchema schemaOf(String topic) {
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
        if (topics != null) topics.requireExists(topic);
        return schema;
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

    /** Waits until every event handed to Kafka so far is acknowledged. */
    public void flush() {
        producer.flush();
    }
}
