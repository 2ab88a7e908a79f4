package io.avrogate.connect;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect data without a schema (e.g. from a JSON source with schemas off) as Confluent writes it: every value is an
 * {@code io.confluent.connect.avro.Anything} record with one optional field per primitive type, an array of
 * Anything, and a map as an array of Anything key/value entries.
 */
final class SchemalessValues {
    static final org.apache.avro.Schema ANYTHING = SchemaBuilder.record("Anything").namespace(ConnectAvroNames.NAMESPACE)
            .fields()
            .optionalBoolean("boolean").optionalBytes("bytes").optionalDouble("double").optionalFloat("float")
            .optionalInt("int").optionalLong("long").optionalString("string")
            .name("array").type().optional().array().items().type(ConnectAvroNames.NAMESPACE + ".Anything")
            .name("map").type().optional().array().items().record(ConnectAvroNames.MAP_ENTRY)
            .namespace(ConnectAvroNames.NAMESPACE).fields()
            .name(ConnectAvroNames.KEY).type(ConnectAvroNames.NAMESPACE + ".Anything").noDefault()
            .name(ConnectAvroNames.VALUE).type(ConnectAvroNames.NAMESPACE + ".Anything").noDefault()
            .endRecord()
            .endRecord();
    private static final org.apache.avro.Schema MAP_ENTRY =
            ANYTHING.getField("map").schema().getTypes().get(1).getElementType();
    /** The order in which a read value's fields are tried. */
    private static final String[] FIELDS = {"boolean", "bytes", "double", "float", "int", "long", "string", "array", "map"};

    GenericData.Record toAvro(Object value) {
        GenericData.Record record = new GenericData.Record(ANYTHING);
        if (value == null) return record;
        if (value instanceof Byte b) record.put("int", (int) b);
        else if (value instanceof Short s) record.put("int", (int) s);
        else if (value instanceof Integer i) record.put("int", i);
        else if (value instanceof Long l) record.put("long", l);
        else if (value instanceof Float f) record.put("float", f);
        else if (value instanceof Double d) record.put("double", d);
        else if (value instanceof Boolean b) record.put("boolean", b);
        else if (value instanceof String s) record.put("string", s);
        else if (value instanceof Collection<?> list) {
            List<Object> elements = new ArrayList<>(list.size());
            for (Object element : list) elements.add(toAvro(element));
            record.put("array", elements);
        } else if (value instanceof Map<?, ?> map) {
            List<Object> entries = new ArrayList<>(map.size());
            map.forEach((key, entryValue) -> {
                GenericData.Record entry = new GenericData.Record(MAP_ENTRY);
                entry.put(ConnectAvroNames.KEY, toAvro(key));
                entry.put(ConnectAvroNames.VALUE, toAvro(entryValue));
                entries.add(entry);
            });
            record.put("map", entries);
        } else {
            throw new DataException("Unknown Java type for schemaless data: " + value.getClass());
        }
        return record;
    }

    Object toConnect(Object datum) {
        if (!(datum instanceof IndexedRecord record)) throw new DataException("Invalid Avro data for schemaless Connect data");
        for (String name : FIELDS) {
            Object value = record.get(ANYTHING.getField(name).pos());
            if (value == null) continue;
            return switch (name) {
                case "bytes" -> value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
                case "string" -> value.toString();
                case "array" -> {
                    List<Object> result = new ArrayList<>();
                    for (Object element : (Collection<?>) value) result.add(toConnect(element));
                    yield result;
                }
                case "map" -> {
                    Map<Object, Object> result = new HashMap<>();
                    for (Object element : (Collection<?>) value) {
                        IndexedRecord entry = (IndexedRecord) element;
                        result.put(toConnect(entry.get(0)), toConnect(entry.get(1)));
                    }
                    yield result;
                }
                default -> value;
            };
        }
        return null;
    }
}
