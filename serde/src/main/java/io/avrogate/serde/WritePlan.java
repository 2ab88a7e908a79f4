package io.avrogate.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Everything needed to write values of one schema to one topic, worked out once: the 5-byte header with the schema
 * id, and the DatumWriters. Writers are thread-safe and shared; the output buffer and encoder are per thread.
 */
final class WritePlan {
    private static final EncoderFactory ENCODERS = EncoderFactory.get();
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private static final class Buffers {
        final ReusableOutput out = new ReusableOutput();
        BinaryEncoder encoder;
    }

    final int schemaId;
    final Schema writeSchema;
    final long expiresAtNanos;
    private final byte[] header;
    private final boolean rawBytes;
    private final boolean byName;
    private final GenericData genericData;
    private final boolean codegen;
    private final DatumWriter<Object> genericWriter;
    /** The writer for the generated class last seen with this schema (normally the only one). */
    private volatile SpecificWriter specificWriter;

    private record SpecificWriter(Class<?> type, DatumWriter<Object> writer) {}

    /**
     * @param writeSchema the registered schema the id stands for
     * @param byName      true when the value's own schema differs from {@code writeSchema}: fields are then matched
     *                    by name (see {@link FieldsByNameData})
     */
    WritePlan(int schemaId, Schema writeSchema, boolean byName, GenericData genericData, boolean codegen,
            long expiresAtNanos) {
        this.schemaId = schemaId;
        this.writeSchema = writeSchema;
        this.expiresAtNanos = expiresAtNanos;
        this.header = WireFormat.header(schemaId);
        this.rawBytes = writeSchema.getType() == Schema.Type.BYTES;
        this.byName = byName;
        this.genericData = genericData;
        this.codegen = codegen;
        // Matching fields by name is Avro's job (FieldsByNameData); compiled writers read fields by position.
        this.genericWriter = rawBytes ? null
                : byName ? new GenericDatumWriter<>(writeSchema, new FieldsByNameData(genericData, null))
                : GeneratedCodecs.writer(codegen, writeSchema, genericData,
                        () -> new GenericDatumWriter<>(writeSchema, genericData));
    }

    byte[] write(Object datum) {
        if (rawBytes) return writeRaw(datum);
        Buffers buffers = BUFFERS.get();
        ReusableOutput out = buffers.out;
        out.reset();
        out.write(header, 0, header.length);
        BinaryEncoder encoder = ENCODERS.binaryEncoder(out, buffers.encoder);
        buffers.encoder = null; // an encoder left half-written by a failure must not be reused
        try {
            writerFor(datum).write(datum, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Error serializing Avro message for schema id " + schemaId + ": "
                    + describe(e), e);
        }
        buffers.encoder = encoder;
        return out.toByteArray();
    }

    /** The top-level "bytes" schema: the bytes follow the header as they are, with no Avro length prefix. */
    private byte[] writeRaw(Object datum) {
        byte[] result;
        if (datum instanceof byte[] bytes) {
            result = new byte[header.length + bytes.length];
            System.arraycopy(bytes, 0, result, header.length, bytes.length);
        } else if (datum instanceof ByteBuffer buffer) {
            ByteBuffer view = buffer.duplicate();
            result = new byte[header.length + view.remaining()];
            view.get(result, header.length, view.remaining());
        } else {
            throw new SerializationException("Error serializing Avro message for schema id " + schemaId
                    + ": a \"bytes\" schema needs a byte[] or ByteBuffer value, not "
                    + (datum == null ? "null" : datum.getClass().getName()));
        }
        System.arraycopy(header, 0, result, 0, header.length);
        return result;
    }

    private DatumWriter<Object> writerFor(Object datum) {
        if (!AvroDataModels.isSpecific(datum)) return genericWriter;
        // Generated classes carry their own model (with the conversions for their logical-typed fields).
        SpecificWriter cached = specificWriter;
        Class<?> type = datum.getClass();
        if (cached != null && cached.type() == type) return cached.writer();
        DatumWriter<Object> writer = byName ? new GenericDatumWriter<>(writeSchema, new FieldsByNameData(genericData, type))
                : GeneratedCodecs.writer(codegen, writeSchema, AvroDataModels.specific(type),
                        () -> new SpecificDatumWriter<>(writeSchema, AvroDataModels.specific(type)));
        specificWriter = new SpecificWriter(type, writer);
        return writer;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof NullPointerException) {
            return "a value is null where the schema does not allow null" + (message != null ? " (" + message + ")" : "");
        }
        if (e instanceof ClassCastException) {
            return "a value does not match its schema type (" + message + ")";
        }
        return message != null ? message : e.getClass().getName();
    }
}
