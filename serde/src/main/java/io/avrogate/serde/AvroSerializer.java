package io.avrogate.serde;

import io.avrogate.core.InvalidSchemaException;
import io.avrogate.registry.client.JavaProperties;
import io.avrogate.registry.client.RegistryClientException;
import io.avrogate.registry.client.SchemaContent;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SubjectVersion;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer writing Avro in Confluent's wire format, a drop-in for {@code KafkaAvroSerializer} (same config
 * keys, same bytes, same subjects and registered schema text).
 *
 * <p>Takes generated {@code SpecificRecord}s, {@code GenericRecord}s and other {@code GenericContainer}s (enums,
 * fixed, arrays), primitives (Boolean, Integer, Long, Float, Double, CharSequence, byte[]/ByteBuffer) and
 * {@link NonRecordContainer} for maps, unions and logical-typed values. A null value is written as a Kafka null.
 *
 * <p>The schema id is chosen, per (topic, schema), in Confluent's order: {@code auto.register.schemas} → register;
 * else {@code use.schema.id} ≥ 0 → that id; else {@code use.latest.version} → the subject's latest version; else
 * look the schema up in its subject. Unless {@code avro.remove.java.properties=false}, the schema is registered or
 * looked up without the Java-only properties of generated classes ({@link JavaProperties}). The answer is cached,
 * so once warm a record costs no registry call, no schema
 * parsing and no writer construction. Thread-safe.
 */
public class AvroSerializer<T> implements Serializer<T> {
    private static final long NEVER = Long.MAX_VALUE;

    private SchemaRegistryClient givenClient;
    private SerdeBasics basics;
    private boolean isKey;
    private boolean autoRegister;
    private int useSchemaId;
    private boolean idCompatibilityStrict;
    private boolean useLatestVersion;
    private boolean latestCompatibilityStrict;
    private long latestTtlNanos;
    private boolean normalize;
    private boolean removeJavaProperties;

    /** topic → value schema (by content, see {@link SchemaCache}) → plan. */
    private final ConcurrentHashMap<String, SchemaCache<WritePlan>> plans = new ConcurrentHashMap<>();

    /** For Kafka's config-driven construction: the registry client is created from the configs. */
    public AvroSerializer() {}

    /** Uses {@code client} (not closed by {@link #close()}); {@link #configure} must still be called. */
    public AvroSerializer(SchemaRegistryClient client) {
        this.givenClient = client;
    }

    /** Uses {@code client} (not closed by {@link #close()}), configured and ready. */
    public AvroSerializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        this(client);
        configure(configs, isKey);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        basics = SerdeBasics.configure(configs, isKey, givenClient, basics);
        AvroSerdeConfig config = basics.config;
        this.isKey = isKey;
        autoRegister = config.getBoolean(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS);
        useSchemaId = config.getInt(AvroSerdeConfig.USE_SCHEMA_ID);
        idCompatibilityStrict = config.getBoolean(AvroSerdeConfig.ID_COMPATIBILITY_STRICT);
        useLatestVersion = config.getBoolean(AvroSerdeConfig.USE_LATEST_VERSION);
        latestCompatibilityStrict = config.getBoolean(AvroSerdeConfig.LATEST_COMPATIBILITY_STRICT);
        long ttlSeconds = config.getLong(AvroSerdeConfig.LATEST_CACHE_TTL_SEC);
        latestTtlNanos = ttlSeconds < 0 ? NEVER : TimeUnit.SECONDS.toNanos(ttlSeconds);
        normalize = config.getBoolean(AvroSerdeConfig.NORMALIZE_SCHEMAS);
        removeJavaProperties = config.getBoolean(AvroSerdeConfig.AVRO_REMOVE_JAVA_PROPERTIES);
        plans.clear();
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return serialize(topic, null, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
        if (data == null) return null; // a Kafka null: tombstones stay tombstones, nothing is registered
        if (basics == null) throw new IllegalStateException("AvroSerializer is not configured: call configure() first");
        Schema schema = ValueSchemas.of(data);
        return plan(topic, schema).write(ValueSchemas.datum(data));
    }

    private WritePlan plan(String topic, Schema schema) {
        SchemaCache<WritePlan> forTopic = plans.get(topic);
        if (forTopic == null) forTopic = plans.computeIfAbsent(topic, t -> new SchemaCache<>());
        WritePlan plan = forTopic.get(schema);
        if (plan == null || (plan.expiresAtNanos != NEVER && System.nanoTime() - plan.expiresAtNanos > 0)) {
            plan = newPlan(topic, schema);
            forTopic.put(schema, plan);
        }
        return plan;
    }

    private WritePlan newPlan(String topic, Schema schema) {
        SchemaRegistryClient client = basics.client;
        RegistrySchemas registrySchemas = basics.registrySchemas;
        GenericData genericData = basics.genericData;
        boolean codegen = basics.codegen;
        String subject = subject(topic, schema);
        SchemaContent written = SchemaContent.avro(schema.toString());
        SchemaContent content = removeJavaProperties ? JavaProperties.strip(written) : written;
        if (autoRegister) {
            int id = registryCall(() -> client.register(subject, content, normalize),
                    "Error registering Avro schema under subject " + subject);
            return new WritePlan(id, schema, false, genericData, codegen, NEVER);
        }
        if (useSchemaId >= 0) {
            Schema registered = registryCall(() -> registrySchemas.byId(useSchemaId),
                    "Error retrieving Avro schema for use.schema.id " + useSchemaId);
            if (idCompatibilityStrict) requireReadable(registered, schema, "use.schema.id " + useSchemaId);
            return new WritePlan(useSchemaId, registered, !registered.equals(schema), genericData, codegen, NEVER);
        }
        if (useLatestVersion) {
            SubjectVersion latest = registryCall(() -> client.latest(subject),
                    "Error retrieving the latest version of subject " + subject);
            Schema registered = registryCall(() -> registrySchemas.of(latest),
                    "Error parsing the latest version of subject " + subject);
            if (latestCompatibilityStrict) {
                requireReadable(registered, schema, "the latest version (" + latest.version() + ") of subject " + subject);
            }
            long expires = latestTtlNanos == NEVER ? NEVER : System.nanoTime() + latestTtlNanos;
            return new WritePlan(latest.id(), registered, !registered.equals(schema), genericData, codegen, expires);
        }
        try {
            return new WritePlan(client.lookup(subject, content, normalize).id(), schema, false, genericData, codegen, NEVER);
        } catch (RegistryClientException e) {
            throw new SerializationException(MissingSchemaHint.explain(subject, content.schema(), removeJavaProperties, e), e);
        }
    }

    private String subject(String topic, Schema schema) {
        try {
            return basics.strategy.subjectName(topic, isKey, schema);
        } catch (SubjectNameStrategy.NotARecordSchemaException e) {
            // Confluent's message, word for word.
            throw new SerializationException("In configuration " + AvroSerdeConfig.subjectNameStrategyKey(isKey)
                    + " = " + basics.strategyName + ", the message " + (isKey ? "key" : "value")
                    + " must only be a record schema");
        }
    }

    /** The registry's schema must be able to read values written with the value's own schema. */
    private static void requireReadable(Schema registered, Schema own, String what) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(registered, own).getResult();
        if (result.getCompatibility() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("Incompatible schema: " + what + " cannot be used to write a value of schema "
                    + own.getFullName() + ": " + result.getIncompatibilities().stream()
                    .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                    .reduce((a, b) -> a + "; " + b).orElse(""));
        }
    }

    private static <R> R registryCall(Supplier<R> call, String what) {
        try {
            return call.get();
        } catch (RegistryClientException | InvalidSchemaException | IllegalArgumentException e) {
            throw new SerializationException(what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (basics != null) basics.close();
    }
}
