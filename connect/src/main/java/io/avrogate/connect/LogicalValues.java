package io.avrogate.connect;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect's logical types (Decimal, Date, Time, Timestamp) between their Java form (BigDecimal, java.util.Date) and
 * the primitive that Avro carries (bytes, int days, int millis, long millis). Other schemas pass through.
 */
final class LogicalValues {
    private LogicalValues() {}

    /** Java form → Avro primitive, for a schema named by one of Connect's logical types. */
    static Object toPrimitive(Schema schema, Object value) {
        if (value == null || schema == null || schema.name() == null) return value;
        switch (schema.name()) {
            case Decimal.LOGICAL_NAME -> {
                if (!(value instanceof BigDecimal decimal)) {
                    throw new DataException("Invalid type for Decimal, expected BigDecimal but was " + value.getClass());
                }
                return Decimal.fromLogical(schema, decimal);
            }
            case Date.LOGICAL_NAME -> {
                return Date.fromLogical(schema, javaDate("Date", value));
            }
            case Time.LOGICAL_NAME -> {
                return Time.fromLogical(schema, javaDate("Time", value));
            }
            case Timestamp.LOGICAL_NAME -> {
                return Timestamp.fromLogical(schema, javaDate("Timestamp", value));
            }
            default -> {
                return value;
            }
        }
    }

    private static java.util.Date javaDate(String type, Object value) {
        if (!(value instanceof java.util.Date date)) {
            throw new DataException("Invalid type for " + type + ", expected Date but was " + value.getClass());
        }
        return date;
    }

    /** Avro primitive → Java form. */
    static Object toLogical(Schema schema, Object value) {
        if (value == null || schema == null || schema.name() == null) return value;
        switch (schema.name()) {
            case Decimal.LOGICAL_NAME -> {
                if (value instanceof byte[] bytes) return Decimal.toLogical(schema, bytes);
                if (value instanceof ByteBuffer buffer) return Decimal.toLogical(schema, bytesOf(buffer));
                throw new DataException("Invalid type for Decimal, underlying representation should be bytes but was "
                        + value.getClass());
            }
            case Date.LOGICAL_NAME -> {
                return Date.toLogical(schema, intOf("Date", value));
            }
            case Time.LOGICAL_NAME -> {
                return Time.toLogical(schema, intOf("Time", value));
            }
            case Timestamp.LOGICAL_NAME -> {
                if (!(value instanceof Long millis)) {
                    throw new DataException("Invalid type for Timestamp, underlying representation should be int64 but was "
                            + value.getClass());
                }
                return Timestamp.toLogical(schema, millis);
            }
            default -> {
                return value;
            }
        }
    }

    private static int intOf(String type, Object value) {
        if (!(value instanceof Integer number)) {
            throw new DataException("Invalid type for " + type + ", underlying representation should be int32 but was "
                    + value.getClass());
        }
        return number;
    }

    static byte[] bytesOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
