package io.avrogate.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Resolver;
import org.apache.avro.Schema;
import org.apache.avro.SystemLimitException;
import org.apache.avro.generic.GenericArray;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * Compiles a (writer schema, reader schema, data model) triple into a tree of small reader objects, once: every
 * resolution decision (field order, skipped and defaulted fields, promotions, union branches, enum symbol mapping,
 * logical-type conversions) is taken here from Avro's own {@link Resolver}, so a record costs only the reads
 * themselves, with no schema interpretation, no map lookups and no {@code ResolvingDecoder}.
 *
 * <p>Arrays and maps are read block by block without Avro 1.12.2's collection-size check and never pre-allocate more
 * than {@link ResolvingReaders#MAX_PREALLOCATED} elements from a count the data claims (see {@link ResolvingReaders}).
 * Schemas this class does not handle (Java-class properties of the specific compiler) raise
 * {@link Unsupported}; the caller then uses Avro's readers.
 */
final class CompiledReaders {
    /** A schema feature the compiler leaves to Avro's readers. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads one value (the writer's encoding) and returns it as the reader schema and data model want it. */
    interface ValueReader {
        Object read(Decoder in) throws IOException;
    }

    private final GenericData data;
    /**
     * Which of Avro's two readers the values must look like: the classic GenericDatumReader (used where the data
     * model disables the fast reader, and by {@link ResolvingReaders} where Avro's collection-size check could reject
     * valid data) makes arrays with {@code GenericData.newArray} (primitive arrays for primitive items); the default
     * fast reader makes {@code GenericData.Array}s.
     */
    private final boolean classic;
    private final Map<Resolver.Action, RecordReader> records = new IdentityHashMap<>();
    private final Map<Schema, Skipper.RecordSkipper> skippedRecords = new IdentityHashMap<>();

    private CompiledReaders(GenericData data, boolean classic) {
        this.data = data;
        this.classic = classic;
    }

    /** A thread-safe DatumReader for the triple; {@link Unsupported} if the compiler leaves it to Avro. */
    static DatumReader<Object> compile(Schema writer, Schema reader, GenericData data) {
        requireNoJavaClassProps(reader, new IdentityHashMap<>());
        boolean classic = !data.isFastReaderEnabled() || CollectionSizeCheck.mayRejectValidData(writer, reader);
        ValueReader root = new CompiledReaders(data, classic).reader(Resolver.resolve(writer, reader, data));
        return new DatumReader<>() {
            @Override
            public void setSchema(Schema schema) {
                throw new UnsupportedOperationException("a compiled reader is built for one schema pair");
            }

            @Override
            public Object read(Object reuse, Decoder in) throws IOException {
                return root.read(in);
            }
        };
    }

    private ValueReader reader(Resolver.Action action) {
        ValueReader plain = plainReader(action);
        Conversion<?> conversion = action.conversion;
        if (conversion == null || action.type == Resolver.Action.Type.ERROR) return plain;
        Schema schema = action.reader;
        LogicalType logicalType = action.logicalType;
        return in -> Conversions.convertToLogicalType(plain.read(in), schema, logicalType, conversion);
    }

    private ValueReader plainReader(Resolver.Action action) {
        switch (action.type) {
            case DO_NOTHING: return primitive(action.reader);
            case PROMOTE: return promotion(action.writer.getType(), action.reader);
            case ENUM: return enumReader((Resolver.EnumAdjust) action);
            case CONTAINER: return container((Resolver.Container) action);
            case RECORD: return record((Resolver.RecordAdjust) action);
            case WRITER_UNION: {
                Resolver.WriterUnion union = (Resolver.WriterUnion) action;
                ValueReader[] branches = new ValueReader[union.actions.length];
                for (int i = 0; i < branches.length; i++) branches[i] = reader(union.actions[i]);
                return in -> branches[in.readIndex()].read(in);
            }
            case READER_UNION: return reader(((Resolver.ReaderUnion) action).actualAction);
            case ERROR: {
                String message = action.toString();
                return in -> {
                    throw new AvroTypeException(message);
                };
            }
            case SKIP:
            default:
                throw new IllegalStateException("unexpected resolver action " + action.type);
        }
    }

    private ValueReader primitive(Schema schema) {
        switch (schema.getType()) {
            case NULL: return in -> {
                in.readNull();
                return null;
            };
            case BOOLEAN: return Decoder::readBoolean;
            case INT: return Decoder::readInt;
            case LONG: return Decoder::readLong;
            case FLOAT: return Decoder::readFloat;
            case DOUBLE: return Decoder::readDouble;
            case STRING: return stringReader(schema);
            case BYTES: return in -> in.readBytes(null);
            case FIXED: {
                int size = schema.getFixedSize();
                return in -> {
                    byte[] bytes = new byte[size];
                    in.readFixed(bytes, 0, size);
                    return data.createFixed(null, bytes, schema);
                };
            }
            default: throw new IllegalStateException("not a primitive: " + schema);
        }
    }

    /** Strings as Avro's readers return them: String where the schema says avro.java.string=String, else Utf8. */
    private static ValueReader stringReader(Schema schema) {
        return wantsJavaString(schema) ? Decoder::readString : in -> in.readString(null);
    }

    private static boolean wantsJavaString(Schema schema) {
        return "String".equals(schema.getProp(GenericData.STRING_PROP));
    }

    private ValueReader promotion(Schema.Type from, Schema reader) {
        switch (reader.getType()) {
            case LONG: return in -> (long) in.readInt();
            case FLOAT: return from == Schema.Type.INT ? in -> (float) in.readInt() : in -> (float) in.readLong();
            case DOUBLE:
                if (from == Schema.Type.INT) return in -> (double) in.readInt();
                if (from == Schema.Type.LONG) return in -> (double) in.readLong();
                return in -> (double) in.readFloat();
            case STRING: {
                boolean javaString = wantsJavaString(reader);
                return in -> {
                    ByteBuffer bytes = in.readBytes(null);
                    byte[] array = new byte[bytes.remaining()];
                    bytes.get(array);
                    return javaString ? new String(array, StandardCharsets.UTF_8) : new Utf8(array);
                };
            }
            case BYTES: return in -> {
                Utf8 text = in.readString(null);
                return ByteBuffer.wrap(Arrays.copyOf(text.getBytes(), text.getByteLength()));
            };
            default: throw new IllegalStateException("no promotion " + from + " → " + reader.getType());
        }
    }

    private static ValueReader enumReader(Resolver.EnumAdjust action) {
        Object[] values = action.values;
        List<String> writerSymbols = action.writer.getEnumSymbols();
        return in -> {
            int index = in.readEnum();
            Object value = values[index];
            if (value == null) throw new AvroTypeException("No match for " + writerSymbols.get(index));
            return value;
        };
    }

    private ValueReader container(Resolver.Container action) {
        ValueReader element = reader(action.elementAction);
        Schema schema = action.reader;
        if (schema.getType() == Schema.Type.ARRAY) return classic ? classicArray(schema, element) : fastArray(schema, element);
        ValueReader key = stringReader(schema);
        return in -> {
            long count = in.readMapStart();
            @SuppressWarnings("unchecked")
            Map<Object, Object> map = (Map<Object, Object>) data.newMap(null, preallocation(count));
            while (count > 0) {
                for (long i = 0; i < count; i++) {
                    Object k = key.read(in);
                    map.put(k, element.read(in));
                }
                count = in.mapNext();
            }
            return map;
        };
    }

    /** As {@link ResolvingReaders}' arrays: block by block, without Avro 1.12.2's size check. */
    private ValueReader classicArray(Schema schema, ValueReader element) {
        return in -> {
            long count = in.readArrayStart();
            @SuppressWarnings("unchecked")
            Collection<Object> array = (Collection<Object>) data.newArray(null, preallocation(count), schema);
            while (count > 0) {
                for (long i = 0; i < count; i++) array.add(element.read(in));
                count = in.arrayNext();
            }
            if (array instanceof GenericArray<?> generic) generic.prune();
            return array;
        };
    }

    /**
     * As Avro's fast reader's arrays, including its checks of a block's claimed count (which here cannot reject
     * valid data: pairs where the check could are compiled {@link #classic}); so malformed data fails as with Avro.
     */
    private static ValueReader fastArray(Schema schema, ValueReader element) {
        Schema elementType = schema.getElementType();
        boolean zeroBytes = GenericDatumReader.isZeroByteSchema(elementType);
        return in -> {
            SystemLimitException.beginCollectionAllocationScope();
            try {
                long count = in.readArrayStart();
                checkBlock(in, elementType, zeroBytes, count);
                GenericData.Array<Object> array = new GenericData.Array<>(preallocation(count), schema);
                while (count > 0) {
                    for (long i = 0; i < count; i++) array.add(element.read(in));
                    count = in.arrayNext();
                    checkBlock(in, elementType, zeroBytes, count);
                }
                return array;
            } finally {
                SystemLimitException.endCollectionAllocationScope();
            }
        };
    }

    private static void checkBlock(Decoder in, Schema elementType, boolean zeroBytes, long count) throws IOException {
        if (count <= 0) return;
        if (zeroBytes) SystemLimitException.checkMaxCollectionAllocation(count);
        else GenericDatumReader.ensureAvailableCollectionBytes(in, count, elementType);
    }

    private static int preallocation(long count) {
        return (int) Math.min(Math.max(count, 0), ResolvingReaders.MAX_PREALLOCATED);
    }

    private ValueReader record(Resolver.RecordAdjust action) {
        RecordReader existing = records.get(action);
        if (existing != null) return existing; // a recursive schema: the reader being built refers to itself
        RecordReader record = new RecordReader(action);
        records.put(action, record);
        int readerIndex = 0;
        int writerFields = action.fieldActions.length;
        record.steps = new ValueReader[writerFields];
        record.positions = new int[writerFields];
        record.ops = new byte[writerFields];
        record.nullBranches = new int[writerFields];
        for (int i = 0; i < writerFields; i++) {
            Resolver.Action field = action.fieldActions[i];
            if (field.type == Resolver.Action.Type.SKIP) {
                record.steps[i] = skipper(field.writer);
                record.positions[i] = -1;
                record.ops[i] = Op.OTHER;
            } else {
                record.steps[i] = reader(field);
                record.positions[i] = action.readerOrder[readerIndex++].pos();
                record.ops[i] = Op.of(field);
                if (Op.isNullable(record.ops[i])) record.nullBranches[i] = field.reader.getIndexNamed("null");
            }
        }
        int defaults = action.readerOrder.length - action.firstDefault;
        record.defaultPositions = new int[defaults];
        record.defaultReaders = new DefaultReader[defaults];
        for (int i = 0; i < defaults; i++) {
            Schema.Field field = action.readerOrder[action.firstDefault + i];
            record.defaultPositions[i] = field.pos();
            record.defaultReaders[i] = defaultReader(field, action.defaults[i]);
        }
        return record;
    }

    /**
     * What a record reader does for one field: the common primitive reads inline (a switch the JIT compiles to a
     * jump table, with the decoder calls inlined), everything else through the field's {@link ValueReader}. Calling
     * a different reader object per field is a megamorphic call that the JIT cannot inline; for records of mostly
     * primitive fields this removes most of them.
     */
    static final class Op {
        static final byte OTHER = 0, INT = 1, LONG = 2, FLOAT = 3, DOUBLE = 4, BOOLEAN = 5, UTF8 = 6, STRING = 7;
        /** A union of null and one primitive, read as the same union: the primitive's op plus this. */
        static final byte NULLABLE = 16;

        private Op() {}

        static byte of(Resolver.Action field) {
            if (field.type == Resolver.Action.Type.DO_NOTHING && field.conversion == null) return primitive(field.reader);
            if (field.type == Resolver.Action.Type.WRITER_UNION && field.writer.equals(field.reader)
                    && field.reader.getTypes().size() == 2 && field.reader.getIndexNamed("null") != null) {
                Schema value = field.reader.getTypes().get(1 - field.reader.getIndexNamed("null"));
                byte op = value.getLogicalType() == null ? primitive(value) : OTHER;
                return op == OTHER ? OTHER : (byte) (NULLABLE | op);
            }
            return OTHER;
        }

        private static byte primitive(Schema schema) {
            return switch (schema.getType()) {
                case INT -> INT;
                case LONG -> LONG;
                case FLOAT -> FLOAT;
                case DOUBLE -> DOUBLE;
                case BOOLEAN -> BOOLEAN;
                case STRING -> wantsJavaString(schema) ? STRING : UTF8;
                default -> OTHER;
            };
        }

        static boolean isNullable(byte op) {
            return (op & NULLABLE) != 0;
        }

        static Object read(byte op, Decoder in) throws IOException {
            switch (op) {
                case INT: return in.readInt();
                case LONG: return in.readLong();
                case FLOAT: return in.readFloat();
                case DOUBLE: return in.readDouble();
                case BOOLEAN: return in.readBoolean();
                case UTF8: return in.readString(null);
                case STRING: return in.readString();
                default: throw new IllegalStateException("op " + op);
            }
        }
    }

    /** Reads the writer's fields in their order into the reader's positions, then fills in the defaults. */
    private final class RecordReader implements ValueReader {
        private final Resolver.RecordAdjust action;
        private final Schema schema;
        ValueReader[] steps;
        int[] positions;
        byte[] ops;
        int[] nullBranches;
        int[] defaultPositions;
        DefaultReader[] defaultReaders;

        RecordReader(Resolver.RecordAdjust action) {
            this.action = action;
            this.schema = action.reader;
        }

        @Override
        public Object read(Decoder in) throws IOException {
            IndexedRecord record = (IndexedRecord) action.instanceSupplier.newInstance(null, schema);
            ValueReader[] steps = this.steps;
            int[] positions = this.positions;
            byte[] ops = this.ops;
            for (int i = 0; i < steps.length; i++) {
                byte op = ops[i];
                Object value;
                if (op == Op.OTHER) {
                    value = steps[i].read(in);
                } else if (!Op.isNullable(op)) {
                    value = Op.read(op, in);
                } else {
                    int branch = in.readIndex();
                    int nullBranch = nullBranches[i];
                    if (branch == nullBranch) {
                        value = null;
                    } else if (branch == 1 - nullBranch) {
                        value = Op.read((byte) (op & ~Op.NULLABLE), in);
                    } else {
                        throw new ArrayIndexOutOfBoundsException("Index " + branch + " out of bounds for length 2");
                    }
                }
                int position = positions[i];
                if (position >= 0) record.put(position, value);
            }
            for (int i = 0; i < defaultPositions.length; i++) record.put(defaultPositions[i], defaultReaders[i].get());
            return record;
        }
    }

    /** A fresh default value per record (records are mutable), made as Avro makes it. */
    interface DefaultReader {
        Object get() throws IOException;
    }

    /**
     * Avro decodes a field's default from its binary encoding for every record (the fast reader keeps only
     * empty collections and immutable values as they are); so do we, with a reader compiled for the field's schema.
     */
    private DefaultReader defaultReader(Schema.Field field, Object value) {
        Schema schema = field.schema();
        // Immutable defaults are shared as they are (decoding them gives equal values of the same classes).
        if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Float || value instanceof Double || value instanceof String) {
            return () -> value;
        }
        if (!classic && value instanceof Collection<?> list && list.isEmpty()) return () -> data.newArray(null, 0, schema);
        if (!classic && value instanceof Map<?, ?> map && map.isEmpty()) return () -> data.newMap(null, 0);
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(encoded, null);
            new GenericDatumWriter<>(schema, data).write(value, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new Unsupported("default of field " + field.name() + " cannot be encoded: " + e);
        }
        byte[] bytes = encoded.toByteArray();
        ValueReader reader = new CompiledReaders(data, classic).reader(Resolver.resolve(schema, schema, data));
        return () -> {
            // A default's encoding holds every field, so reading it never reads another default: one decoder
            // per thread serves all of them.
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, DEFAULT_DECODER.get());
            DEFAULT_DECODER.set(decoder);
            return reader.read(decoder);
        };
    }

    private static final ThreadLocal<BinaryDecoder> DEFAULT_DECODER = new ThreadLocal<>();

    private ValueReader skipper(Schema writer) {
        return Skipper.of(writer, classic, skippedRecords);
    }

    /** Skips a value of a writer schema the reader does not want; compiled like the readers. */
    private static final class Skipper {
        private Skipper() {}

        /** @param checkEnums the classic reader's ResolvingDecoder checks a skipped enum's index; the fast one does not */
        static ValueReader of(Schema schema, boolean checkEnums, Map<Schema, RecordSkipper> records) {
            switch (schema.getType()) {
                case NULL: return in -> null;
                case BOOLEAN: return in -> {
                    in.readBoolean();
                    return null;
                };
                case INT: return in -> {
                    in.readInt();
                    return null;
                };
                case LONG: return in -> {
                    in.readLong();
                    return null;
                };
                case FLOAT: return in -> {
                    in.skipFixed(4);
                    return null;
                };
                case DOUBLE: return in -> {
                    in.skipFixed(8);
                    return null;
                };
                case STRING: return in -> {
                    in.skipString();
                    return null;
                };
                case BYTES: return in -> {
                    in.skipBytes();
                    return null;
                };
                case FIXED: {
                    int size = schema.getFixedSize();
                    return in -> {
                        in.skipFixed(size);
                        return null;
                    };
                }
                case ENUM: {
                    if (!checkEnums) return in -> {
                        in.readEnum();
                        return null;
                    };
                    int symbols = schema.getEnumSymbols().size();
                    return in -> {
                        int index = in.readEnum();
                        if (index < 0 || index >= symbols) {
                            throw new AvroTypeException("Enumeration out of range: must be in [0, " + symbols
                                    + "), but received " + index);
                        }
                        return null;
                    };
                }
                case ARRAY: {
                    ValueReader element = of(schema.getElementType(), checkEnums, records);
                    return in -> {
                        for (long n = in.skipArray(); n > 0; n = in.skipArray()) {
                            for (long i = 0; i < n; i++) element.read(in);
                        }
                        return null;
                    };
                }
                case MAP: {
                    ValueReader value = of(schema.getValueType(), checkEnums, records);
                    return in -> {
                        for (long n = in.skipMap(); n > 0; n = in.skipMap()) {
                            for (long i = 0; i < n; i++) {
                                in.skipString();
                                value.read(in);
                            }
                        }
                        return null;
                    };
                }
                case UNION: {
                    List<Schema> types = schema.getTypes();
                    ValueReader[] branches = new ValueReader[types.size()];
                    for (int i = 0; i < branches.length; i++) branches[i] = of(types.get(i), checkEnums, records);
                    return in -> branches[in.readIndex()].read(in);
                }
                case RECORD: {
                    RecordSkipper existing = records.get(schema);
                    if (existing != null) return existing;
                    RecordSkipper record = new RecordSkipper();
                    records.put(schema, record);
                    List<Schema.Field> fields = schema.getFields();
                    record.fields = new ValueReader[fields.size()];
                    for (int i = 0; i < fields.size(); i++) record.fields[i] = of(fields.get(i).schema(), checkEnums, records);
                    return record;
                }
                default: throw new IllegalStateException("unknown type " + schema.getType());
            }
        }

        static final class RecordSkipper implements ValueReader {
            ValueReader[] fields;

            @Override
            public Object read(Decoder in) throws IOException {
                for (ValueReader field : fields) field.read(in);
                return null;
            }
        }
    }

    /** The specific compiler's java-class, java-key-class and java-element-class properties are left to Avro. */
    private static void requireNoJavaClassProps(Schema schema, Map<Schema, Boolean> seen) {
        if (seen.put(schema, Boolean.TRUE) != null) return;
        for (String prop : List.of("java-class", "java-key-class", "java-element-class")) {
            if (schema.getProp(prop) != null) throw new Unsupported("schema property " + prop + " on " + schema.getName());
        }
        switch (schema.getType()) {
            case RECORD -> schema.getFields().forEach(f -> {
                if (f.getProp("java-class") != null) throw new Unsupported("field property java-class on " + f.name());
                requireNoJavaClassProps(f.schema(), seen);
            });
            case ARRAY -> requireNoJavaClassProps(schema.getElementType(), seen);
            case MAP -> requireNoJavaClassProps(schema.getValueType(), seen);
            case UNION -> schema.getTypes().forEach(t -> requireNoJavaClassProps(t, seen));
            default -> { }
        }
    }
}
