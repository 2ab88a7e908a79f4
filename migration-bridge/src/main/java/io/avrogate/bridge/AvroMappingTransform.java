package io.avrogate.bridge;

import io.avrogate.core.migration.MigrationMapping;
import io.avrogate.core.migration.RecordTranslator;
import io.avrogate.core.migration.TranslationException;
import io.avrogate.registry.client.RegistryClientException;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.serde.AvroDeserializer;
import io.avrogate.serde.AvroSerdeConfig;
import io.avrogate.serde.AvroSerializer;
import io.avrogate.serde.deadletter.DeadLetterStage;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent wire format in, mapping applied, Confluent wire format out, through our serde. A value is decoded with
 * the writer schema its id names, resolved to the mapping's source version (so records written with older
 * new-lineage versions translate too); translated with {@link RecordTranslator}; and serialized with the old
 * subject's schema under its REGISTERED id ({@code use.schema.id}, {@code auto.register.schemas=false}: the bridge
 * never registers anything).
 *
 * <p>A record that does not decode, translate or encode raises {@link UntranslatableRecordException}; a registry
 * that cannot be reached does not: that is the bridge's failure, retried, never a reason to dead-letter data.
 */
public final class AvroMappingTransform implements RecordTransform, AutoCloseable {
    /** The dead-letter field that names the key (the format's convention) rather than a value field. */
    static final String KEY_FIELD = "(key)";

    private final RecordTranslator translator;
    private final SchemaSource.Registered source;
    private final SchemaSource.Registered target;
    private final String sourceTopic;
    private final String targetTopic;
    private final AvroDeserializer<GenericRecord> deserializer;
    private final AvroSerializer<GenericRecord> serializer;
    private final SchemaSource.Registered keyTarget;
    private final AvroDeserializer<Object> keyDeserializer;
    private final AvroSerializer<Object> keySerializer;

    /**
     * @param serdeConfigs registry settings (URL, auth) for the serde; the bridge's own settings are added
     */
    public AvroMappingTransform(MigrationMapping mapping, SchemaRegistryClient client, Map<String, ?> serdeConfigs,
                                String sourceTopic, String targetTopic) {
        this(mapping, client, serdeConfigs, sourceTopic, targetTopic, null);
    }

    /**
     * @param keySubject the old topic's key subject when keys must be re-serialized with its latest registered
     *                   schema (Avro resolution from the writer's key schema); null to carry key bytes unchanged
     */
    public AvroMappingTransform(MigrationMapping mapping, SchemaRegistryClient client, Map<String, ?> serdeConfigs,
                                String sourceTopic, String targetTopic, String keySubject) {
        SchemaSource registry = new RegistrySchemaSource(client);
        this.source = registry.version(mapping.sourceSubject(), mapping.sourceVersion());
        this.target = registry.version(mapping.targetSubject(), mapping.targetVersion());
        this.translator = RecordTranslator.compile(mapping, source.schema(), target.schema());
        this.sourceTopic = sourceTopic;
        this.targetTopic = targetTopic;
        Map<String, Object> in = new HashMap<>(serdeConfigs);
        in.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, false);
        in.put(AvroSerdeConfig.AVRO_USE_LOGICAL_TYPE_CONVERTERS, false); // the translator works on Avro's plain values
        this.deserializer = new AvroDeserializer<>(client, in, false, source.schema());
        Map<String, Object> out = new HashMap<>(serdeConfigs);
        out.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false);
        out.put(AvroSerdeConfig.USE_SCHEMA_ID, target.id());
        out.put(AvroSerdeConfig.AVRO_USE_LOGICAL_TYPE_CONVERTERS, false);
        this.serializer = new AvroSerializer<>(client, out, false);
        if (keySubject == null || keySubject.isBlank()) {
            this.keyTarget = null;
            this.keyDeserializer = null;
            this.keySerializer = null;
        } else {
            this.keyTarget = registry.version(keySubject, null);
            this.keyDeserializer = new AvroDeserializer<>(client, in, true, keyTarget.schema());
            Map<String, Object> keyOut = new HashMap<>(out);
            keyOut.put(AvroSerdeConfig.USE_SCHEMA_ID, keyTarget.id());
            this.keySerializer = new AvroSerializer<>(client, keyOut, true);
        }
    }

    /** Keys are re-serialized with the old key subject's registered schema when one is configured. */
    @Override
    public byte[] key(byte[] key) {
        if (keyTarget == null || key == null) return key;
        Object decoded;
        try {
            decoded = keyDeserializer.deserialize(sourceTopic, key);
        } catch (RuntimeException e) {
            rethrowIfRegistryUnavailable(e);
            throw new UntranslatableRecordException(DeadLetterStage.KEY_DESERIALIZATION, KEY_FIELD,
                    "key: " + e.getMessage(), e);
        }
        try {
            return keySerializer.serialize(targetTopic, decoded);
        } catch (RuntimeException e) {
            rethrowIfRegistryUnavailable(e);
            throw new UntranslatableRecordException(DeadLetterStage.SERIALIZATION, KEY_FIELD,
                    "key does not encode as " + keyTarget.subject() + " v" + keyTarget.version() + ": " + e.getMessage(), e);
        }
    }

    /** The old subject's registered version the bridge writes. */
    public SchemaSource.Registered target() {
        return target;
    }

    /** The new subject's version records are resolved to before translation. */
    public SchemaSource.Registered source() {
        return source;
    }

    @Override
    public byte[] value(byte[] value) {
        if (value == null) return null;
        return encode(translate(decode(value)));
    }

    private GenericRecord decode(byte[] bytes) {
        try {
            return deserializer.deserialize(sourceTopic, bytes);
        } catch (SerializationException e) {
            rethrowIfRegistryUnavailable(e);
            throw new UntranslatableRecordException(DeadLetterStage.VALUE_DESERIALIZATION, null, e.getMessage(), e);
        } catch (RuntimeException e) {
            rethrowIfRegistryUnavailable(e);
            throw new UntranslatableRecordException(DeadLetterStage.VALUE_DESERIALIZATION, null,
                    "cannot decode as " + source.subject() + " v" + source.version() + ": " + e, e);
        }
    }

    private GenericRecord translate(GenericRecord record) {
        try {
            return translator.translate(record);
        } catch (TranslationException e) {
            throw new UntranslatableRecordException(DeadLetterStage.TRANSLATION, e.field(), e.getMessage(), e);
        }
    }

    private byte[] encode(GenericRecord record) {
        try {
            return serializer.serialize(targetTopic, record);
        } catch (RuntimeException e) {
            rethrowIfRegistryUnavailable(e);
            throw new UntranslatableRecordException(DeadLetterStage.SERIALIZATION, null,
                    "the translation does not encode as " + target.subject() + " v" + target.version() + ": " + e.getMessage(), e);
        }
    }

    /** Anything but "not found" from the registry is an outage: the batch must be retried, not dead-lettered. */
    private static void rethrowIfRegistryUnavailable(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RegistryClientException r && !r.isNotFound()) {
                throw new IllegalStateException("schema registry unavailable: " + r.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        deserializer.close();
        serializer.close();
        if (keyDeserializer != null) keyDeserializer.close();
        if (keySerializer != null) keySerializer.close();
    }
}
