package io.avrogate.connect;

import io.avrogate.registry.client.RegistryClientException;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import io.avrogate.serde.AvroDeserializer;
import io.avrogate.serde.AvroSerdeConfig;
import io.avrogate.serde.AvroSerializer;
import io.avrogate.serde.NonRecordContainer;
import io.avrogate.serde.RegistrySchemas;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Connect converter between Connect data and Avro in Confluent's wire format, a drop-in for
 * {@code io.confluent.connect.avro.AvroConverter}: the same configuration keys, the same bytes, the same registered
 * schemas, and the same Connect schemas and values read back, so a topic written by either converter reads
 * identically with the other. Serialization, the registry and the wire format are avrogate's serde; this class maps
 * Connect's data model to Avro's and back ({@link ConnectSchemaToAvro}, {@link ConnectValueToAvro},
 * {@link AvroSchemaToConnect}, {@link AvroValueToConnect}).
 *
 * <pre>
 * value.converter=io.avrogate.connect.AvroConverter
 * value.converter.schema.registry.url=http://registry:8081
 * </pre>
 */
public class AvroConverter implements Converter {
    private static final Logger log = LoggerFactory.getLogger(AvroConverter.class);

    private SchemaRegistryClient client;
    private boolean ownsClient;
    private boolean isKey;
    private AvroSerializer<Object> serializer;
    private AvroDeserializer<Object> deserializer;
    private RegistrySchemas registrySchemas;
    private ConnectSchemaToAvro schemaToAvro;
    private ConnectValueToAvro valueToAvro;
    private AvroSchemaToConnect schemaToConnect;
    private SchemalessValues schemaless;
    /** (topic, schema id) → the registry version of that schema in the topic's subject, if any. */
    private final ConcurrentHashMap<String, Optional<Integer>> registryVersions = new ConcurrentHashMap<>();

    /** For the Connect worker: the registry client is created from the configs. */
    public AvroConverter() {}

    /** Uses {@code client} (not closed by {@link #close()}); {@link #configure} must still be called. */
    public AvroConverter(SchemaRegistryClient client) {
        this.client = client;
    }

    @Override
    public ConfigDef config() {
        ConfigDef def = new ConfigDef(AvroSerdeConfig.CONFIG_DEF);
        AvroDataConfig.CONFIG_DEF.configKeys().values().forEach(def::define);
        return def;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        AvroDataConfig dataConfig = new AvroDataConfig(configs);
        if (client == null) {
            if (new AvroSerdeConfig(configs).registryUrls().isEmpty()) {
                throw new ConfigException("Missing required configuration \"" + AvroSerdeConfig.SCHEMA_REGISTRY_URL
                        + "\" which has no default value.");
            }
            // The client reads its own keys (URLs, basic.auth.*, bearer.auth.*, TLS, timeouts) from the same map.
            client = SchemaRegistryClients.create(configs);
            ownsClient = true;
        }
        serializer = new AvroSerializer<>(client, configs, isKey);
        deserializer = new AvroDeserializer<>(client, configs, isKey);
        registrySchemas = new RegistrySchemas(client);
        MappingRules rules = MappingRules.of(dataConfig);
        schemaToAvro = new ConnectSchemaToAvro(rules, dataConfig.schemasCacheSize());
        valueToAvro = new ConnectValueToAvro(rules);
        schemaToConnect = new AvroSchemaToConnect(rules, dataConfig.schemasCacheSize());
        schemaless = new SchemalessValues();
        registryVersions.clear();
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        return fromConnectData(topic, null, schema, value);
    }

    @Override
    public byte[] fromConnectData(String topic, Headers headers, Schema schema, Object value) {
        if (serializer == null) throw new IllegalStateException("AvroConverter is not configured: call configure() first");
        if (value == null && (schema == null || schema.isOptional())) return null; // a tombstone stays a tombstone
        NonRecordContainer container;
        if (schema == null) {
            container = new NonRecordContainer(SchemalessValues.ANYTHING, schemaless.toAvro(value));
        } else {
            // Mapping errors are DataExceptions (or Avro's SchemaParseException for a bad name), thrown as they are.
            org.apache.avro.Schema avroSchema = schemaToAvro.convert(schema);
            container = new NonRecordContainer(avroSchema, valueToAvro.convert(schema, avroSchema, value));
        }
        try {
            return serializer.serialize(topic, headers, container);
        } catch (SerializationException e) {
            throw new DataException("Failed to serialize Avro data from topic " + topic + " :", e);
        }
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        return toConnectData(topic, null, value);
    }

    @Override
    public SchemaAndValue toConnectData(String topic, Headers headers, byte[] value) {
        if (deserializer == null) throw new IllegalStateException("AvroConverter is not configured: call configure() first");
        if (value == null) return SchemaAndValue.NULL;
        Object datum;
        org.apache.avro.Schema writer;
        int id;
        try {
            datum = deserializer.deserialize(topic, headers, value);
            id = schemaId(value);
            writer = registrySchemas.byId(id); // already fetched and cached by the deserializer's client
        } catch (SerializationException | RegistryClientException e) {
            throw new DataException("Failed to deserialize data for topic " + topic + " to Avro: ", e);
        }
        if (datum == null) return null; // an Avro "null" value: Confluent answers null, not SchemaAndValue.NULL
        if (writer.equals(SchemalessValues.ANYTHING)) return new SchemaAndValue(null, schemaless.toConnect(datum));
        AvroSchemaToConnect.Context ctx = new AvroSchemaToConnect.Context();
        Schema schema = schemaToConnect.convert(writer, registryVersion(topic, id, writer), ctx);
        return new SchemaAndValue(schema, schemaToConnect.values().convert(schema, datum, ctx));
    }

    private static int schemaId(byte[] payload) {
        return ((payload[1] & 0xff) << 24) | ((payload[2] & 0xff) << 16) | ((payload[3] & 0xff) << 8) | (payload[4] & 0xff);
    }

    /**
     * The version of the writer schema in the subject this topic's values are registered under: Connect reports it as
     * the schema version when the schema has no connect.version. Looked up once per (topic, id). The subject is
     * the topic's (TopicNameStrategy) or the record's (RecordNameStrategy, TopicRecordNameStrategy); a schema found
     * under one subject only takes that subject's version; otherwise there is no version (Confluent would fail).
     */
    private Integer registryVersion(String topic, int id, org.apache.avro.Schema writer) {
        return registryVersions.computeIfAbsent(topic + "\u0000" + id, k -> {
            try {
                List<SchemaRegistryClient.SubjectVersionRef> refs = client.versionsOfId(id);
                boolean named = writer.getType() == org.apache.avro.Schema.Type.RECORD
                        || writer.getType() == org.apache.avro.Schema.Type.ENUM
                        || writer.getType() == org.apache.avro.Schema.Type.FIXED;
                List<String> candidates = named
                        ? List.of(topic + (isKey ? "-key" : "-value"), writer.getFullName(), topic + "-" + writer.getFullName())
                        : List.of(topic + (isKey ? "-key" : "-value"));
                for (String subject : candidates) {
                    for (SchemaRegistryClient.SubjectVersionRef ref : refs) {
                        if (ref.subject().equals(subject)) return Optional.of(ref.version());
                    }
                }
                return refs.size() == 1 ? Optional.of(refs.get(0).version()) : Optional.<Integer>empty();
            } catch (RegistryClientException e) {
                log.warn("Cannot find the registry version of schema id {} for topic {}: {}", id, topic, e.getMessage());
                return Optional.empty();
            }
        }).orElse(null);
    }

    @Override
    public void close() {
        if (serializer != null) serializer.close();
        if (deserializer != null) deserializer.close();
        if (ownsClient && client != null) {
            client.close();
            client = null;
            ownsClient = false;
        }
    }
}
