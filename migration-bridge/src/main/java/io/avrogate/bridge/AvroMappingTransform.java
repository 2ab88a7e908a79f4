package io.avrogate.bridge;

import io.avrogate.core.migration.MigrationMapping;
import io.avrogate.core.migration.RecordTranslator;
import io.avrogate.core.migration.TranslationException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Confluent wire format in, mapping applied, Confluent wire format out. A value is decoded with the writer schema
 * its id names and resolved to the mapping's source version (so records of older new-lineage versions translate
 * too); translated with {@link RecordTranslator}; and encoded with the old subject's schema under its REGISTERED id.
 *
 * <p>Not thread-safe (reuses decoders and buffers): one instance per bridge loop.
 */
public final class AvroMappingTransform implements RecordTransform {
    private static final byte MAGIC = 0;

    private final SchemaSource registry;
    private final RecordTranslator translator;
    private final SchemaSource.Registered source;
    private final SchemaSource.Registered target;
    private final Map<Integer, GenericDatumReader<GenericRecord>> readers = new HashMap<>();
    private final GenericDatumWriter<GenericRecord> writer;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private BinaryDecoder decoder;
    private BinaryEncoder encoder;

    public AvroMappingTransform(MigrationMapping mapping, SchemaSource registry) {
        this.registry = registry;
        this.source = registry.version(mapping.sourceSubject(), mapping.sourceVersion());
        this.target = registry.version(mapping.targetSubject(), mapping.targetVersion());
        this.translator = RecordTranslator.compile(mapping, source.schema(), target.schema());
        this.writer = new GenericDatumWriter<>(target.schema(), GenericData.get());
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

    /** The record as the mapping's source version sees it. */
    GenericRecord decode(byte[] bytes) {
        if (bytes.length < 5 || bytes[0] != MAGIC) {
            throw new UntranslatableRecordException(UntranslatableRecordException.Stage.DECODE, "",
                    bytes.length < 5 ? "value has " + bytes.length + " bytes, too short for the Confluent wire format"
                            : "unknown magic byte " + bytes[0] + " (not the Confluent wire format)", null);
        }
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        GenericDatumReader<GenericRecord> reader = readers.get(id);
        if (reader == null) {
            Schema writerSchema;
            try {
                writerSchema = registry.byId(id);
            } catch (SchemaSource.UnknownSchemaException e) {
                throw new UntranslatableRecordException(UntranslatableRecordException.Stage.DECODE, "", e.getMessage(), e);
            }
            reader = new GenericDatumReader<>(writerSchema, source.schema(), GenericData.get());
            readers.put(id, reader);
        }
        try {
            decoder = DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, decoder);
            return reader.read(null, decoder);
        } catch (Exception e) {
            throw new UntranslatableRecordException(UntranslatableRecordException.Stage.DECODE, "",
                    "cannot decode with schema id " + id + " as " + source.subject() + " v" + source.version() + ": " + e, e);
        }
    }

    GenericRecord translate(GenericRecord record) {
        try {
            return translator.translate(record);
        } catch (TranslationException e) {
            throw new UntranslatableRecordException(UntranslatableRecordException.Stage.TRANSLATE, e.field(), e.getMessage(), e);
        }
    }

    byte[] encode(GenericRecord record) {
        buffer.reset();
        buffer.write(MAGIC);
        int id = target.id();
        buffer.write(id >>> 24);
        buffer.write(id >>> 16);
        buffer.write(id >>> 8);
        buffer.write(id);
        try {
            encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
            writer.write(record, encoder);
            encoder.flush();
        } catch (Exception e) {
            throw new UntranslatableRecordException(UntranslatableRecordException.Stage.ENCODE, "",
                    "the translation does not encode as " + target.subject() + " v" + target.version() + ": " + e, e);
        }
        return buffer.toByteArray();
    }
}
