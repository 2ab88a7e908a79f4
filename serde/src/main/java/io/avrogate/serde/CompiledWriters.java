package io.avrogate.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericArray;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;
import org.apache.avro.util.Utf8;

/**
 * Compiles a (schema, data model) pair into a tree of small writer objects, once, so that writing a record walks no
 * schema: fields are read by position, enum ordinals come from a table built here, nullable unions pick their branch
 * with a null check, and logical-type conversions are found here for the class the model converts from. The bytes
 * are Avro's {@code GenericDatumWriter}/{@code SpecificDatumWriter} bytes (the differential test checks that). Where a
 * value is not the Java type the fast path expects, the writer asks the data model as Avro does, so odd but valid
 * values still encode as Avro encodes them; invalid ones fail (wrapped by the caller as a SerializationException).
 */
final class CompiledWriters {
    interface ValueWriter {
        void write(Object value, Encoder out) throws IOException;
    }

    private final GenericData data;
    private final Map<Schema, RecordWriter> records = new IdentityHashMap<>();

    private CompiledWriters(GenericData data) {
        this.data = data;
    }

    /** A thread-safe DatumWriter for values of {@code schema} in {@code data}'s model. */
    static DatumWriter<Object> compile(Schema schema, GenericData data) {
        ValueWriter root = new CompiledWriters(data).writer(schema);
        return new DatumWriter<>() {
            @Override
            public void setSchema(Schema ignored) {
                throw new UnsupportedOperationException("a compiled writer is built for one schema");
            }

            @Override
            public void write(Object datum, Encoder out) throws IOException {
                root.write(datum, out);
            }
        };
    }

    private ValueWriter writer(Schema schema) {
        ValueWriter plain = plainWriter(schema);
        LogicalType logicalType = schema.getLogicalType();
        if (logicalType == null) return plain;
        // Avro picks the conversion by the value's class on every write; the expected class is decided once here.
        Conversion<?> expected = firstConversionFor(logicalType);
        Class<?> expectedClass = expected == null ? null : expected.getConvertedType();
        return (value, out) -> {
            if (value == null) {
                plain.write(null, out);
                return;
            }
            Conversion<?> conversion = value.getClass() == expectedClass ? expected
                    : data.getConversionByClass(value.getClass(), logicalType);
            plain.write(conversion == null ? value : convert(schema, logicalType, conversion, value), out);
        };
    }

    private Conversion<?> firstConversionFor(LogicalType logicalType) {
        Conversion<?> conversion = data.getConversionFor(logicalType);
        return conversion == null ? null : data.getConversionByClass(conversion.getConvertedType(), logicalType);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(Schema schema, LogicalType logicalType, Conversion conversion, Object value) {
        return Conversions.convertToRawType(value, schema, logicalType, conversion);
    }

    private ValueWriter plainWriter(Schema schema) {
        switch (schema.getType()) {
            case NULL: return (value, out) -> out.writeNull();
            case BOOLEAN: return (value, out) -> out.writeBoolean((Boolean) value);
            case INT: return (value, out) -> out.writeInt(((Number) value).intValue());
            case LONG: return (value, out) -> out.writeLong(((Number) value).longValue());
            case FLOAT: return (value, out) -> out.writeFloat(((Number) value).floatValue());
            case DOUBLE: return (value, out) -> out.writeDouble(((Number) value).doubleValue());
            case STRING: return CompiledWriters::writeString;
            case BYTES: return (value, out) -> out.writeBytes((ByteBuffer) value);
            case FIXED: {
                int size = schema.getFixedSize();
                return (value, out) -> out.writeFixed(((GenericFixed) value).bytes(), 0, size);
            }
            case ENUM: return enumWriter(schema);
            case ARRAY: return arrayWriter(schema);
            case MAP: return mapWriter(schema);
            case UNION: return unionWriter(schema);
            case RECORD: return recordWriter(schema);
            default: throw new IllegalStateException("unknown type " + schema.getType());
        }
    }

    private static void writeString(Object value, Encoder out) throws IOException {
        if (value instanceof Utf8 utf8) {
            out.writeString(utf8);
        } else if (value instanceof String string) {
            out.writeString(string);
        } else {
            out.writeString(((CharSequence) value).toString());
        }
    }

    private ValueWriter enumWriter(Schema schema) {
        Map<String, Integer> ordinals = new HashMap<>();
        List<String> symbols = schema.getEnumSymbols();
        for (int i = 0; i < symbols.size(); i++) ordinals.put(symbols.get(i), i);
        boolean specific = data instanceof org.apache.avro.specific.SpecificData;
        return (value, out) -> {
            // SpecificDatumWriter writes a generated enum's ordinal; GenericDatumWriter looks the symbol up.
            if (specific && value instanceof Enum<?> constant) {
                out.writeEnum(constant.ordinal());
                return;
            }
            if (!(value instanceof org.apache.avro.generic.GenericEnumSymbol<?> || specific && value instanceof Enum<?>)) {
                throw new org.apache.avro.AvroTypeException("Not an enum: " + value + " for schema: " + schema);
            }
            Integer ordinal = ordinals.get(value.toString());
            if (ordinal == null) {
                throw new org.apache.avro.AvroTypeException("Not an enum symbol of " + schema.getFullName() + ": " + value);
            }
            out.writeEnum(ordinal);
        };
    }

    private ValueWriter arrayWriter(Schema schema) {
        ValueWriter element = writer(schema.getElementType());
        return (value, out) -> {
            Collection<?> array = (Collection<?>) value;
            int size = array.size();
            out.writeArrayStart();
            out.setItemCount(size);
            int written = 0;
            if (array instanceof GenericArray<?> indexed) {
                for (int i = 0; i < size; i++) {
                    out.startItem();
                    element.write(indexed.get(i), out);
                    written++;
                }
            } else {
                for (Object item : array) {
                    out.startItem();
                    element.write(item, out);
                    written++;
                }
            }
            out.writeArrayEnd();
            if (written != size) throw new ConcurrentModificationException("Size of array written was " + size
                    + ", but number of elements written was " + written + ". ");
        };
    }

    private ValueWriter mapWriter(Schema schema) {
        ValueWriter valueWriter = writer(schema.getValueType());
        return (value, out) -> {
            Map<?, ?> map = (Map<?, ?>) value;
            int size = map.size();
            out.writeMapStart();
            out.setItemCount(size);
            int written = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.startItem();
                writeString(entry.getKey(), out);
                valueWriter.write(entry.getValue(), out);
                written++;
            }
            out.writeMapEnd();
            if (written != size) throw new ConcurrentModificationException("Size of map written was " + size
                    + ", but number of entries written was " + written + ". ");
        };
    }

    private ValueWriter unionWriter(Schema union) {
        List<Schema> types = union.getTypes();
        ValueWriter[] branches = new ValueWriter[types.size()];
        for (int i = 0; i < branches.length; i++) branches[i] = writer(types.get(i));
        Integer nullIndex = union.getIndexNamed(Schema.Type.NULL.getName());
        if (nullIndex != null && types.size() == 2) {
            // The common nullable field: the branch is known from the null check, but a value of another type
            // (e.g. an Integer for a long branch, which Avro rejects) still goes through Avro's own resolution.
            int nullBranch = nullIndex;
            int other = 1 - nullBranch;
            Schema otherType = types.get(other);
            return (value, out) -> {
                int index = value == null ? nullBranch : fitsFast(otherType, value) ? other : data.resolveUnion(union, value);
                out.writeIndex(index);
                branches[index].write(value, out);
            };
        }
        return (value, out) -> {
            int index = data.resolveUnion(union, value);
            out.writeIndex(index);
            branches[index].write(value, out);
        };
    }

    /** True when Avro's union resolution would certainly pick {@code schema} for {@code value}. */
    private static boolean fitsFast(Schema schema, Object value) {
        if (schema.getLogicalType() != null) return false;
        return switch (schema.getType()) {
            case STRING -> value instanceof CharSequence;
            case INT -> value instanceof Integer;
            case LONG -> value instanceof Long;
            case DOUBLE -> value instanceof Double;
            case FLOAT -> value instanceof Float;
            case BOOLEAN -> value instanceof Boolean;
            case BYTES -> value instanceof ByteBuffer;
            case RECORD -> value instanceof IndexedRecord record && record.getSchema().getFullName().equals(schema.getFullName());
            default -> false;
        };
    }

    private ValueWriter recordWriter(Schema schema) {
        RecordWriter existing = records.get(schema);
        if (existing != null) return existing; // recursive schema
        RecordWriter record = new RecordWriter();
        records.put(schema, record);
        List<Schema.Field> fields = schema.getFields();
        ValueWriter[] writers = new ValueWriter[fields.size()];
        byte[] ops = new byte[fields.size()];
        int[] nullBranches = new int[fields.size()];
        for (int i = 0; i < writers.length; i++) {
            Schema field = fields.get(i).schema();
            writers[i] = writer(field);
            ops[i] = op(field);
            if ((ops[i] & NULLABLE) != 0) nullBranches[i] = field.getIndexNamed("null");
        }
        record.fields = writers;
        record.ops = ops;
        record.nullBranches = nullBranches;
        return record;
    }

    // What a record writer does for one field: common primitives inline, the rest through the field's ValueWriter
    // (see CompiledReaders.Op: one megamorphic call per field is what this avoids).
    private static final byte OTHER = 0, INT = 1, LONG = 2, FLOAT = 3, DOUBLE = 4, BOOLEAN = 5, STRING = 6;
    private static final byte NULLABLE = 16;

    private static byte op(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            List<Schema> types = schema.getTypes();
            Integer nullIndex = schema.getIndexNamed("null");
            if (types.size() != 2 || nullIndex == null) return OTHER;
            byte op = op(types.get(1 - nullIndex));
            return op == OTHER ? OTHER : (byte) (NULLABLE | op);
        }
        if (schema.getLogicalType() != null) return OTHER;
        return switch (schema.getType()) {
            case INT -> INT;
            case LONG -> LONG;
            case FLOAT -> FLOAT;
            case DOUBLE -> DOUBLE;
            case BOOLEAN -> BOOLEAN;
            case STRING -> STRING;
            default -> OTHER;
        };
    }

    /** Whether Avro's union resolution would pick the primitive branch {@code op} for a non-null {@code value}. */
    private static boolean fits(byte op, Object value) {
        return switch (op) {
            case INT -> value instanceof Integer;
            case LONG -> value instanceof Long;
            case FLOAT -> value instanceof Float;
            case DOUBLE -> value instanceof Double;
            case BOOLEAN -> value instanceof Boolean;
            case STRING -> value instanceof CharSequence;
            default -> false;
        };
    }

    private static void write(byte op, Object value, Encoder out) throws IOException {
        switch (op) {
            case INT -> out.writeInt(((Number) value).intValue());
            case LONG -> out.writeLong(((Number) value).longValue());
            case FLOAT -> out.writeFloat(((Number) value).floatValue());
            case DOUBLE -> out.writeDouble(((Number) value).doubleValue());
            case BOOLEAN -> out.writeBoolean((Boolean) value);
            case STRING -> writeString(value, out);
            default -> throw new IllegalStateException("op " + op);
        }
    }

    /** Writes the fields in schema order, each read by position. */
    private static final class RecordWriter implements ValueWriter {
        ValueWriter[] fields;
        byte[] ops;
        int[] nullBranches;

        @Override
        public void write(Object value, Encoder out) throws IOException {
            IndexedRecord record = (IndexedRecord) value;
            ValueWriter[] fields = this.fields;
            byte[] ops = this.ops;
            for (int i = 0; i < fields.length; i++) {
                Object field = record.get(i);
                byte op = ops[i];
                if (op == OTHER) {
                    fields[i].write(field, out);
                } else if ((op & NULLABLE) == 0) {
                    CompiledWriters.write(op, field, out);
                } else if (field == null) {
                    out.writeIndex(nullBranches[i]);
                } else if (fits((byte) (op & ~NULLABLE), field)) {
                    out.writeIndex(1 - nullBranches[i]);
                    CompiledWriters.write((byte) (op & ~NULLABLE), field, out);
                } else {
                    fields[i].write(field, out); // Avro's union resolution decides (and fails as Avro fails)
                }
            }
        }
    }
}
