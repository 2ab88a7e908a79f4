package io.avrogate.serde;

import io.avrogate.core.InvalidSchemaException;
import io.avrogate.registry.client.RegistryClientException;
import io.avrogate.registry.client.SchemaRegistryClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer reading Avro in Confluent's wire format, a drop-in for {@code KafkaAvroDeserializer}.
 *
 * <p>Steps: a Kafka null gives null; the magic byte and the 4-byte schema id are checked; the writer schema is
 * fetched by id (with its references) once; the reader schema is, in this order, the one passed to
 * {@link #deserialize(String, Headers, byte[], Schema)}, {@code avro.reader.schema}, the generated class named by
 * the writer schema ({@code specific.avro.reader}), the subject's latest version ({@code use.latest.version}), or
 * the writer schema itself. Resolving readers are cached per (writer id, reader schema), so once warm a record costs
 * no registry call, no parsing and no reader construction. Every malformed payload gives a
 * {@link SerializationException} saying what is wrong. Thread-safe.
 */
public class AvroDeserializer<T> implements Deserializer<T> {
    private SchemaRegistryClient givenClient;
    private SerdeBasics basics;
    private boolean isKey;
    private boolean specificReader;
    private boolean useLatestVersion;
    private Schema configuredReader;

    private final ConcurrentHashMap<Integer, WriterEntry> writers = new ConcurrentHashMap<>();
    /** subject → its latest schema, for use.latest.version (fixed at first use). */
    private final ConcurrentHashMap<String, Schema> latestReaders = new ConcurrentHashMap<>();

    /** For Kafka's config-driven construction: the registry client is created from the configs. */
    public AvroDeserializer() {}

    /** Uses {@code client} (not closed by {@link #close()}); {@link #configure} must still be called. */
    public AvroDeserializer(SchemaRegistryClient client) {
        this.givenClient = client;
    }

    /** Uses {@code client} (not closed by {@link #close()}), configured and ready. */
    public AvroDeserializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        this(client);
        configure(configs, isKey);
    }

    /** Uses {@code client} and resolves every record to {@code readerSchema}. */
    public AvroDeserializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey, Schema readerSchema) {
        this(client);
        configure(configs, isKey);
        this.configuredReader = readerSchema;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        basics = SerdeBasics.configure(configs, isKey, givenClient, basics);
        AvroSerdeConfig config = basics.config;
        this.isKey = isKey;
        specificReader = config.getBoolean(AvroSerdeConfig.SPECIFIC_AVRO_READER);
        useLatestVersion = config.getBoolean(AvroSerdeConfig.USE_LATEST_VERSION);
        String readerText = config.getString(AvroSerdeConfig.AVRO_READER_SCHEMA);
        configuredReader = readerText == null || readerText.isBlank() ? null
                : new Schema.Parser().parse(readerText);
        writers.clear();
        latestReaders.clear();
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data, null);
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        return deserialize(topic, headers, data, null);
    }

    /**
     * Reads {@code data} resolved to {@code readerSchema} (Avro schema resolution: added fields take their defaults,
     * removed ones are skipped, promotions apply), or as configured when it is null.
     */
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, Headers headers, byte[] data, Schema readerSchema) {
        if (data == null) return null;
        if (basics == null) throw new IllegalStateException("AvroDeserializer is not configured: call configure() first");
        checkHeader(data);
        int id = WireFormat.schemaId(data);
        WriterEntry writer = writer(id);
        ReadPlan plan = readerSchema != null ? writer.plan(readerSchema) : writer.defaultPlan(topic);
        return (T) plan.read(data);
    }

    private static void checkHeader(byte[] data) {
        if (data.length == 0) {
            throw new SerializationException("Empty payload (0 bytes): not a Confluent wire-format message, which"
                    + " starts with a 5-byte header (magic byte 0x00 and a 4-byte schema id). Use null for a tombstone.");
        }
        if (data[0] != WireFormat.MAGIC_BYTE) {
            throw new SerializationException(String.format("Unknown magic byte! Expected 0x00 but the payload starts"
                    + " with 0x%02x: it was not written in Confluent's wire format", data[0] & 0xff));
        }
        if (data.length < WireFormat.HEADER_SIZE) {
            throw new SerializationException("Payload too short: " + data.length + " byte(s), but the Confluent"
                    + " wire-format header alone needs 5 (magic byte 0x00 and a 4-byte schema id)");
        }
    }

    private WriterEntry writer(int id) {
        WriterEntry entry = writers.get(id);
        if (entry != null) return entry;
        Schema schema;
        try {
            schema = basics.registrySchemas.byId(id);
        } catch (RegistryClientException | InvalidSchemaException | IllegalArgumentException e) {
            throw new SerializationException("Error retrieving Avro " + (isKey ? "key" : "value") + " schema for id "
                    + id + ": " + e.getMessage(), e);
        }
        entry = new WriterEntry(id, schema);
        WriterEntry raced = writers.putIfAbsent(id, entry);
        return raced != null ? raced : entry;
    }

    /** One writer schema and the plans for reading it, per reader schema. */
    private final class WriterEntry {
        final int id;
        final Schema schema;
        final SchemaCache<ReadPlan> byReader = new SchemaCache<>();
        /** topic → plan for use.latest.version: one map hit per record, no subject naming on the hot path. */
        final ConcurrentHashMap<String, ReadPlan> latestPlans = new ConcurrentHashMap<>();
        volatile ReadPlan defaultPlan;

        WriterEntry(int id, Schema schema) {
            this.id = id;
            this.schema = schema;
        }

        ReadPlan plan(Schema reader) {
            ReadPlan plan = byReader.get(reader);
            if (plan == null) {
                plan = new ReadPlan(id, schema, reader, genericReader(schema, reader));
                byReader.put(reader, plan);
            }
            return plan;
        }

        private DatumReader<Object> genericReader(Schema writer, Schema reader) {
            GenericData data = basics.genericData;
            return GeneratedCodecs.reader(basics.codegen, writer, reader, data,
                    () -> ResolvingReaders.generic(writer, reader, data));
        }

        /** Without an explicit reader: avro.reader.schema, else the generated class, else the latest, else the writer. */
        ReadPlan defaultPlan(String topic) {
            if (configuredReader != null) return plan(configuredReader);
            boolean specific = specificReader && isNamed(schema);
            if (useLatestVersion && !specific) return latestPlans.computeIfAbsent(topic, t -> plan(latestReader(t, schema)));
            ReadPlan plan = defaultPlan;
            if (plan == null) {
                plan = specific ? specificPlan()
                        : new ReadPlan(id, schema, schema, genericReader(schema, schema));
                defaultPlan = plan;
            }
            return plan;
        }

        private ReadPlan specificPlan() {
            Class<?> type = generatedClass(schema);
            SpecificData data = SpecificData.getForClass(type);
            Schema reader = data.getSchema(type);
            try {
                data.getClass(reader); // Avro 1.12 instantiates only trusted classes: fail now, and say how to fix it
            } catch (SecurityException e) {
                throw new SerializationException("specific.avro.reader is set, but Avro refuses to instantiate "
                        + type.getName() + ": add its package to the system property"
                        + " org.apache.avro.SERIALIZABLE_PACKAGES (e.g. -Dorg.apache.avro.SERIALIZABLE_PACKAGES="
                        + type.getPackageName() + ")", e);
            }
            return new ReadPlan(id, schema, reader, GeneratedCodecs.reader(basics.codegen, schema, reader, data,
                    () -> ResolvingReaders.specific(schema, reader, data, type)));
        }
    }

    /**
     * The latest schema of the writer's subject. Keyed by subject, not topic: with RecordNameStrategy or
     * TopicRecordNameStrategy one topic carries several record types, each with its own latest schema.
     */
    private Schema latestReader(String topic, Schema writer) {
        String subject;
        try {
            subject = basics.strategy.subjectName(topic, isKey, writer);
        } catch (SubjectNameStrategy.NotARecordSchemaException e) {
            throw new SerializationException("use.latest.version: the subject name strategy names only records,"
                    + " and the writer schema is a " + writer.getType().getName(), e);
        }
        return latestReaders.computeIfAbsent(subject, s -> {
            try {
                return basics.registrySchemas.of(basics.client.latest(subject));
            } catch (RegistryClientException | InvalidSchemaException | IllegalArgumentException e) {
                throw new SerializationException("Error retrieving the latest version of subject " + subject
                        + " (use.latest.version): " + e.getMessage(), e);
            }
        });
    }

    private static boolean isNamed(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> true;
            default -> false;
        };
    }

    /** The generated class for a named writer schema; only Avro-generated types are accepted. */
    private static Class<?> generatedClass(Schema writer) {
        String name = SpecificData.getClassName(writer);
        Class<?> type;
        try {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            type = Class.forName(name, false, context != null ? context : AvroDeserializer.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new SerializationException("specific.avro.reader is set, but the class " + name + " named by the"
                    + " writer schema is not on the classpath (generate it, or read generic records)", e);
        }
        if (!SpecificRecord.class.isAssignableFrom(type) && !GenericEnumSymbol.class.isAssignableFrom(type)
                && !GenericFixed.class.isAssignableFrom(type)) {
            throw new SerializationException("specific.avro.reader is set, but " + name
                    + " is not an Avro-generated class (SpecificRecord, enum or fixed)");
        }
        return type;
    }

    @Override
    public void close() {
        if (basics != null) basics.close();
    }
}
