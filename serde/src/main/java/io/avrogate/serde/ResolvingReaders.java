package io.avrogate.serde;

import java.io.IOException;
import org.apache.avro.Conversion;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericArray;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.ResolvingDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * DatumReaders from a writer schema to a reader schema.
 *
 * <p>Avro 1.12.2 has a bug in schema resolution: before reading an array or map block it checks that the remaining
 * input holds {@code count × minimum element size} bytes, but takes the minimum size from the <em>reader's</em>
 * element type. Valid data then fails with {@code EOFException: Collection claims 2 elements with at least 8 bytes
 * each, but only 3 bytes are available} whenever the reader's element is bigger than the writer's: an int array read
 * as double, or, in everyday schema evolution, an array of records whose reader version added a field with a default.
 *
 * <p>Where that can happen ({@link CollectionSizeCheck}) we use readers that read arrays and maps block by block
 * without that check, as Avro 1.11 (which Confluent uses) did, and that never pre-allocate more than
 * {@link #MAX_PREALLOCATED} elements from a count the data claims, so a hostile count still cannot make us allocate
 * memory the data does not back. Avro's fast-reader path has the same check, so these readers run on Avro's classic
 * path. Everywhere else Avro's own readers are used unchanged.
 */
final class ResolvingReaders {
    static final int MAX_PREALLOCATED = 1024;

    private ResolvingReaders() {}

    static DatumReader<Object> generic(Schema writer, Schema reader, GenericData data) {
        if (!CollectionSizeCheck.mayRejectValidData(writer, reader)) return new GenericDatumReader<>(writer, reader, data);
        GenericData classic = new GenericData();
        data.getConversions().forEach(classic::addLogicalTypeConversion);
        classic.setFastReaderEnabled(false);
        return new GenericReader(writer, reader, classic);
    }

    static DatumReader<Object> specific(Schema writer, Schema reader, SpecificData data, Class<?> generatedClass) {
        if (!CollectionSizeCheck.mayRejectValidData(writer, reader)) return new SpecificDatumReader<>(writer, reader, data);
        SpecificData classic = new SpecificData(generatedClass.getClassLoader());
        data.getConversions().forEach(classic::addLogicalTypeConversion);
        classic.setFastReaderEnabled(false);
        return new SpecificReader(writer, reader, classic);
    }

    /** The protected hooks of a GenericDatumReader that reading a collection needs. */
    private interface Hooks {
        Object readElement(Object old, Schema schema, LogicalType logicalType, Conversion<?> conversion,
                ResolvingDecoder in) throws IOException;

        Object newArray(Object old, int size, Schema schema);

        Object peekArray(Object array);

        void addToArray(Object array, long pos, Object element);

        Object newMap(Object old, int size);

        Object readMapKey(Schema schema, ResolvingDecoder in) throws IOException;

        void addToMap(Object map, Object key, Object value);

        GenericData data();
    }

    private static Object readArray(Hooks hooks, Object old, Schema expected, ResolvingDecoder in) throws IOException {
        Schema elementType = expected.getElementType();
        LogicalType logicalType = elementType.getLogicalType();
        Conversion<?> conversion = logicalType == null ? null : hooks.data().getConversionFor(logicalType);
        long count = in.readArrayStart();
        Object array = hooks.newArray(old, (int) Math.min(Math.max(count, 0), MAX_PREALLOCATED), expected);
        long base = 0;
        while (count > 0) {
            for (long i = 0; i < count; i++) {
                hooks.addToArray(array, base + i,
                        hooks.readElement(hooks.peekArray(array), elementType, logicalType, conversion, in));
            }
            base += count;
            count = in.arrayNext();
        }
        if (array instanceof GenericArray<?> generic) generic.prune();
        return array;
    }

    private static Object readMap(Hooks hooks, Object old, Schema expected, ResolvingDecoder in) throws IOException {
        Schema valueType = expected.getValueType();
        LogicalType logicalType = valueType.getLogicalType();
        Conversion<?> conversion = logicalType == null ? null : hooks.data().getConversionFor(logicalType);
        long count = in.readMapStart();
        Object map = hooks.newMap(old, (int) Math.min(Math.max(count, 0), MAX_PREALLOCATED));
        while (count > 0) {
            for (long i = 0; i < count; i++) {
                Object key = hooks.readMapKey(expected, in);
                hooks.addToMap(map, key, hooks.readElement(null, valueType, logicalType, conversion, in));
            }
            count = in.mapNext();
        }
        return map;
    }

    private static final class GenericReader extends GenericDatumReader<Object> implements Hooks {
        GenericReader(Schema writer, Schema reader, GenericData data) {
            super(writer, reader, data);
        }

        @Override
        protected Object readArray(Object old, Schema expected, ResolvingDecoder in) throws IOException {
            return ResolvingReaders.readArray(this, old, expected, in);
        }

        @Override
        protected Object readMap(Object old, Schema expected, ResolvingDecoder in) throws IOException {
            return ResolvingReaders.readMap(this, old, expected, in);
        }

        @Override
        public Object readElement(Object old, Schema schema, LogicalType logicalType, Conversion<?> conversion,
                ResolvingDecoder in) throws IOException {
            return conversion != null ? readWithConversion(old, schema, logicalType, conversion, in)
                    : readWithoutConversion(old, schema, in);
        }

        @Override public Object newArray(Object old, int size, Schema schema) { return super.newArray(old, size, schema); }
        @Override public Object peekArray(Object array) { return super.peekArray(array); }
        @Override public void addToArray(Object array, long pos, Object e) { super.addToArray(array, pos, e); }
        @Override public Object newMap(Object old, int size) { return super.newMap(old, size); }
        @Override public Object readMapKey(Schema schema, ResolvingDecoder in) throws IOException { return super.readMapKey(null, schema, in); }
        @Override public void addToMap(Object map, Object key, Object value) { super.addToMap(map, key, value); }
        @Override public GenericData data() { return getData(); }
    }

    private static final class SpecificReader extends SpecificDatumReader<Object> implements Hooks {
        SpecificReader(Schema writer, Schema reader, SpecificData data) {
            super(writer, reader, data);
        }

        @Override
        protected Object readArray(Object old, Schema expected, ResolvingDecoder in) throws IOException {
            return ResolvingReaders.readArray(this, old, expected, in);
        }

        @Override
        protected Object readMap(Object old, Schema expected, ResolvingDecoder in) throws IOException {
            return ResolvingReaders.readMap(this, old, expected, in);
        }

        @Override
        public Object readElement(Object old, Schema schema, LogicalType logicalType, Conversion<?> conversion,
                ResolvingDecoder in) throws IOException {
            return conversion != null ? readWithConversion(old, schema, logicalType, conversion, in)
                    : readWithoutConversion(old, schema, in);
        }

        @Override public Object newArray(Object old, int size, Schema schema) { return super.newArray(old, size, schema); }
        @Override public Object peekArray(Object array) { return super.peekArray(array); }
        @Override public void addToArray(Object array, long pos, Object e) { super.addToArray(array, pos, e); }
        @Override public Object newMap(Object old, int size) { return super.newMap(old, size); }
        @Override public Object readMapKey(Schema schema, ResolvingDecoder in) throws IOException { return super.readMapKey(null, schema, in); }
        @Override public void addToMap(Object map, Object key, Object value) { super.addToMap(map, key, value); }
        @Override public GenericData data() { return getData(); }
    }
}
