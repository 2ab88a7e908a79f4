package io.avrogate.serde;

import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.errors.SerializationException;

/** The schema a Java value is written with: its own (records, enums, fixed, arrays, containers) or a primitive's. */
final class ValueSchemas {
    static final Schema NULL = Schema.create(Schema.Type.NULL);
    static final Schema BOOLEAN = Schema.create(Schema.Type.BOOLEAN);
    static final Schema INT = Schema.create(Schema.Type.INT);
    static final Schema LONG = Schema.create(Schema.Type.LONG);
    static final Schema FLOAT = Schema.create(Schema.Type.FLOAT);
    static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);
    static final Schema STRING = Schema.create(Schema.Type.STRING);
    static final Schema BYTES = Schema.create(Schema.Type.BYTES);

    private ValueSchemas() {}

    static Schema of(Object value) {
        // Ordered by how common each kind is on a hot path.
        if (value instanceof GenericContainer container) return container.getSchema();
        if (value instanceof CharSequence) return STRING;
        if (value instanceof Long) return LONG;
        if (value instanceof Integer) return INT;
        if (value instanceof byte[] || value instanceof ByteBuffer) return BYTES;
        if (value instanceof Double) return DOUBLE;
        if (value instanceof Boolean) return BOOLEAN;
        if (value instanceof Float) return FLOAT;
        throw new SerializationException("Unsupported Avro type " + value.getClass().getName() + ": the serializer"
                + " takes SpecificRecord, GenericRecord, GenericContainer (enum, fixed, array), NonRecordContainer"
                + " (maps, unions, logical types), null, Boolean, Integer, Long, Float, Double, CharSequence, byte[]"
                + " and ByteBuffer");
    }

    /** The datum to hand to Avro: a container's value, or the value itself. */
    static Object datum(Object value) {
        return value instanceof NonRecordContainer container ? container.getValue() : value;
    }
}
