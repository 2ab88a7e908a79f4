package io.avrogate.connect;

import static io.avrogate.connect.ConnectAvroNames.DEFAULT_RECORD_FULL_NAME;
import static io.avrogate.connect.ConnectAvroNames.KEY;
import static io.avrogate.connect.ConnectAvroNames.VALUE;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect value → Avro datum, against the Avro schema {@link ConnectSchemaToAvro} made of the Connect schema.
 * Structs become {@code GenericData.Record}s, string-keyed maps {@code HashMap}s (Confluent's entry order), other
 * maps lists of {@code MapEntry} records, enum-annotated strings {@code EnumSymbol}s (when written as enums), fixed
 * bytes {@code GenericData.Fixed}, and a Connect union struct the datum of its one set branch.
 */
final class ConnectValueToAvro {
    private final MappingRules rules;

    ConnectValueToAvro(MappingRules rules) {
        this.rules = rules;
    }

    @SuppressWarnings("unchecked")
    Object convert(Schema schema, org.apache.avro.Schema avro, Object logicalValue) {
        if (logicalValue == null) {
            if (!schema.isOptional()) throw new DataException("Found null value for non-optional schema");
            return null;
        }
        Object value = LogicalValues.toPrimitive(schema, logicalValue);
        try {
            return switch (schema.type()) {
                case INT8 -> (int) (Byte) value;
                case INT16 -> (int) (Short) value;
                case INT32 -> (Integer) value;
                case INT64 -> (Long) value;
                case FLOAT32 -> (Float) value;
                case FLOAT64 -> (Double) value;
                case BOOLEAN -> (Boolean) value;
                case STRING -> string(schema, avro, value);
                case BYTES -> bytes(schema, avro, value);
                case ARRAY -> array(schema, avro, (Collection<Object>) value);
                case MAP -> map(schema, avro, (Map<Object, Object>) value);
                case STRUCT -> struct(schema, avro, (Struct) value);
            };
        } catch (ClassCastException e) {
            throw new DataException("Invalid type for " + schema.type() + ": " + value.getClass());
        }
    }

    private Object string(Schema schema, org.apache.avro.Schema avro, Object value) {
        boolean asEnum = (rules.generalizedSumTypes() && MappingRules.isGeneralizedEnum(schema))
                || (rules.enhanced() && schema.parameters() != null
                        && schema.parameters().containsKey(ConnectAvroNames.AVRO_ENUM));
        if (!asEnum) return (String) value;
        String enumName = schema.parameters().get(rules.enumParameter());
        org.apache.avro.Schema enumSchema = avro.isUnion() ? avro.getTypes().get(avro.getIndexNamed(enumName)) : avro;
        // A value that is not a symbol fails when written, as with Confluent.
        return new GenericData.EnumSymbol(enumSchema, (String) value);
    }

    private Object bytes(Schema schema, org.apache.avro.Schema avro, Object value) {
        ByteBuffer buffer = value instanceof byte[] array ? ByteBuffer.wrap(array) : (ByteBuffer) value;
        if (!MappingRules.isFixed(schema)) return buffer;
        int size = MappingRules.fixedSize(schema);
        org.apache.avro.Schema fixed = avro;
        if (avro.isUnion()) {
            fixed = null;
            List<org.apache.avro.Schema> branches = avro.getTypes();
            for (int i = 0; i < branches.size(); i++) {
                org.apache.avro.Schema branch = branches.get(i);
                if (branch.getType() == org.apache.avro.Schema.Type.FIXED && branch.getFixedSize() == size
                        && rules.branchName(branch, i).equals(rules.branchName(schema, i))) {
                    fixed = branch;
                }
            }
            if (fixed == null) throw new DataException("Fixed size " + size + " not in union " + avro);
        }
        // The bytes are not checked against the size here: Avro's writer rejects a wrong length.
        return new GenericData.Fixed(fixed, buffer.array());
    }

    private List<Object> array(Schema schema, org.apache.avro.Schema avro, Collection<Object> list) {
        org.apache.avro.Schema elementAvro = nonNullBranch(schema, avro).getElementType();
        List<Object> result = new ArrayList<>(list.size());
        for (Object element : list) result.add(convert(schema.valueSchema(), elementAvro, element));
        return result;
    }

    private Object map(Schema schema, org.apache.avro.Schema avro, Map<Object, Object> map) {
        if (schema.keySchema().type() == Schema.Type.STRING
                && (!schema.keySchema().isOptional() || rules.allowOptionalMapKeys())) {
            org.apache.avro.Schema valueAvro = nonNullBranch(schema, avro).getValueType();
            // A HashMap, as Confluent's: the entries are written in its iteration order.
            Map<String, Object> result = new HashMap<>();
            map.forEach((key, value) -> result.put((String) key, convert(schema.valueSchema(), valueAvro, value)));
            return result;
        }
        org.apache.avro.Schema entryAvro = arrayBranch(schema, avro).getElementType();
        org.apache.avro.Schema keyAvro = entryAvro.getField(KEY).schema();
        org.apache.avro.Schema valueAvro = entryAvro.getField(VALUE).schema();
        List<GenericData.Record> entries = new ArrayList<>(map.size());
        map.forEach((key, value) -> {
            GenericData.Record entry = new GenericData.Record(entryAvro);
            entry.put(KEY, convert(schema.keySchema(), keyAvro, key));
            entry.put(VALUE, convert(schema.valueSchema(), valueAvro, value));
            entries.add(entry);
        });
        return entries;
    }

    private Object struct(Schema schema, org.apache.avro.Schema avro, Struct struct) {
        if (!struct.schema().equals(schema)) throw new DataException("Mismatching struct schema");
        if (MappingRules.isUnion(schema)) {
            // The Avro datum of a union is the value of whichever branch is set.
            for (Field member : schema.fields()) {
                Object value = fieldValue(struct, member);
                if (value != null) return convert(member.schema(), avro, value);
            }
            return convert(schema, avro, null);
        }
        org.apache.avro.Schema recordAvro = nonNullBranch(schema, avro);
        GenericData.Record record = new GenericData.Record(recordAvro);
        for (Field field : schema.fields()) {
            org.apache.avro.Schema.Field avroField = recordAvro.getField(ConnectAvroNames.scrub(field.name(), rules.scrubNames()));
            record.put(avroField.pos(), convert(field.schema(), avroField.schema(), fieldValue(struct, field)));
        }
        return record;
    }

    /** A field that was not set takes its default ({@code Struct.get}), unless ignore.default.for.nullables. */
    private Object fieldValue(Struct struct, Field field) {
        return rules.ignoreDefaultForNullables() ? struct.getWithoutDefault(field.name()) : struct.get(field);
    }

    /** The branch of an optional schema's {@code [null, T]} union that holds T. */
    private org.apache.avro.Schema nonNullBranch(Schema schema, org.apache.avro.Schema avro) {
        if (!schema.isOptional()) return avro;
        if (!avro.isUnion()) throw new DataException("An optional schema should have an Avro Union type, not " + schema.type());
        String fullName = ConnectAvroNames.scrubFullName(schema.name(), rules.scrubNames());
        for (org.apache.avro.Schema branch : avro.getTypes()) {
            if (branch.getType() == org.apache.avro.Schema.Type.NULL) continue;
            boolean named = branch.getType() == org.apache.avro.Schema.Type.RECORD
                    || branch.getType() == org.apache.avro.Schema.Type.ENUM
                    || branch.getType() == org.apache.avro.Schema.Type.FIXED;
            String branchName = named ? branch.getFullName() : branch.getType().getName();
            if (Objects.equals(branchName, fullName) || branch.getType().getName().equals(schema.type().getName())
                    || (schema.name() == null && branchName.startsWith(DEFAULT_RECORD_FULL_NAME))) {
                return branch;
            }
        }
        return avro;
    }

    private static org.apache.avro.Schema arrayBranch(Schema schema, org.apache.avro.Schema avro) {
        if (!schema.isOptional()) return avro;
        if (!avro.isUnion()) throw new DataException("An optional schema should have an Avro Union type, not " + schema.type());
        for (org.apache.avro.Schema branch : avro.getTypes()) {
            if (branch.getType() == org.apache.avro.Schema.Type.ARRAY) return branch;
        }
        return avro;
    }
}
