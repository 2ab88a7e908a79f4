package io.avrogate.serde;

import static java.lang.invoke.MethodType.methodType;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Conversion;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericArray;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.Decoder;
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

    /*
     * Reading an element or a map key goes through GenericDatumReader's protected methods, and our two readers need
     * different superclasses (GenericDatumReader, SpecificDatumReader), so each would have to re-expose them. These
     * handles, looked up once, serve both; as static finals the JIT inlines them like direct calls, so a record costs
     * what it cost with per-class hook methods.
     */
    private static final MethodHandle READ_WITH_CONVERSION;
    private static final MethodHandle READ_WITHOUT_CONVERSION;
    private static final MethodHandle READ_MAP_KEY;

    static {
        try {
            MethodHandles.Lookup avro = MethodHandles.privateLookupIn(GenericDatumReader.class, MethodHandles.lookup());
            READ_WITH_CONVERSION = avro.findVirtual(GenericDatumReader.class, "readWithConversion", methodType(
                    Object.class, Object.class, Schema.class, LogicalType.class, Conversion.class, ResolvingDecoder.class));
            READ_WITHOUT_CONVERSION = avro.findVirtual(GenericDatumReader.class, "readWithoutConversion",
                    methodType(Object.class, Object.class, Schema.class, ResolvingDecoder.class));
            READ_MAP_KEY = avro.findVirtual(GenericDatumReader.class, "readMapKey",
                    methodType(Object.class, Object.class, Schema.class, Decoder.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static Object readElement(GenericDatumReader<?> reader, Object old, Schema schema, LogicalType logicalType,
            Conversion<?> conversion, ResolvingDecoder in) throws IOException {
        try {
            return conversion != null
                    ? (Object) READ_WITH_CONVERSION.invokeExact(reader, old, schema, logicalType, (Conversion) conversion, in)
                    : (Object) READ_WITHOUT_CONVERSION.invokeExact(reader, old, schema, in);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) { // the methods declare only IOException
            throw new UndeclaredThrowableException(e);
        }
    }

    private static Object readMapKey(GenericDatumReader<?> reader, Schema map, ResolvingDecoder in) throws IOException {
        try {
            return (Object) READ_MAP_KEY.invokeExact(reader, (Object) null, map, (Decoder) in);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new UndeclaredThrowableException(e);
        }
    }

    /**
     * Avro's readArray without the size check. Arrays are made and filled as GenericDatumReader's own newArray,
     * peekArray and addToArray do (neither reader overrides them).
     */
    @SuppressWarnings("unchecked")
    private static Object readArray(GenericDatumReader<?> reader, Object old, Schema expected, ResolvingDecoder in)
            throws IOException {
        GenericData data = reader.getData();
        Schema elementType = expected.getElementType();
        LogicalType logicalType = elementType.getLogicalType();
        Conversion<?> conversion = logicalType == null ? null : data.getConversionFor(logicalType);
        long count = in.readArrayStart();
        Object array = data.newArray(old, (int) Math.min(Math.max(count, 0), MAX_PREALLOCATED), expected);
        Collection<Object> elements = (Collection<Object>) array;
        while (count > 0) {
            for (long i = 0; i < count; i++) {
                Object reuse = array instanceof GenericArray<?> generic ? generic.peek() : null;
                elements.add(readElement(reader, reuse, elementType, logicalType, conversion, in));
            }
            count = in.arrayNext();
        }
        if (array instanceof GenericArray<?> generic) generic.prune();
        return array;
    }

    /** Avro's readMap without the size check; maps are made and filled as GenericDatumReader's newMap and addToMap do. */
    @SuppressWarnings("unchecked")
    private static Object readMap(GenericDatumReader<?> reader, Object old, Schema expected, ResolvingDecoder in)
            throws IOException {
        GenericData data = reader.getData();
        Schema valueType = expected.getValueType();
        LogicalType logicalType = valueType.getLogicalType();
        Conversion<?> conversion = logicalType == null ? null : data.getConversionFor(logicalType);
        long count = in.readMapStart();
        Map<Object, Object> map = (Map<Object, Object>) data.newMap(old, (int) Math.min(Math.max(count, 0), MAX_PREALLOCATED));
        while (count > 0) {
            for (long i = 0; i < count; i++) {
                Object key = readMapKey(reader, expected, in);
                map.put(key, readElement(reader, null, valueType, logicalType, conversion, in));
            }
            count = in.mapNext();
        }
        return map;
    }

    private static final class GenericReader extends GenericDatumReader<Object> {
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
    }

    /** The same two overrides on SpecificDatumReader, which reads records into generated classes. */
    private static final class SpecificReader extends SpecificDatumReader<Object> {
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
    }
}
