package io.avrogate.connect;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Avro datum (as the deserializer returns it, or an Avro field default) → Connect value, against the Connect schema
 * {@link AvroSchemaToConnect} made of the Avro schema. Bytes and fixed become {@code ByteBuffer}s, maps
 * {@code HashMap}s, records {@code Struct}s, and a value of a non-optional Avro union the union struct with the
 * matching branch set.
 */
final class AvroValueToConnect {
    private final MappingRules rules;
    private final AvroSchemaToConnect schemas;

    AvroValueToConnect(MappingRules rules, AvroSchemaToConnect schemas) {
        this.rules = rules;
        this.schemas = schemas;
    }

    Object convert(Schema schema, Object value, AvroSchemaToConnect.Context ctx) {
        return convert(schema, value, ctx, true);
    }

    @SuppressWarnings("unchecked")
    private Object convert(Schema schema, Object value, AvroSchemaToConnect.Context ctx, boolean logical) {
        if (value == null && !schema.isOptional()) throw new DataException("Found null value for non-optional schema");
        if (value == null || value == JsonProperties.NULL_VALUE) return null;
        Object converted;
        try {
            converted = switch (schema.type()) {
                case INT32 -> (Integer) value;
                case INT64 -> (Long) value;
                case FLOAT32 -> (Float) value;
                case FLOAT64 -> (Double) value;
                case BOOLEAN -> (Boolean) value;
                case INT8 -> ((Integer) value).byteValue();
                case INT16 -> ((Integer) value).shortValue();
                case STRING -> string(value);
                case BYTES -> bytes(value);
                case ARRAY -> {
                    List<Object> result = new ArrayList<>();
                    for (Object element : (Collection<Object>) value) result.add(convert(schema.valueSchema(), element, ctx));
                    yield result;
                }
                case MAP -> map(schema, value, ctx);
                case STRUCT -> {
                    if (MappingRules.isUnion(schema)) yield union(schema, value, ctx);
                    // Avro record defaults come as maps: a field missing there takes the Connect default.
                    if (value instanceof Map<?, ?> fields) yield structFromMap(schema, (Map<CharSequence, Object>) fields, ctx);
                    yield struct(schema, (IndexedRecord) value, ctx);
                }
            };
        } catch (ClassCastException e) {
            throw new DataException("Invalid type for " + schema.type() + ": " + value.getClass());
        }
        return logical ? LogicalValues.toLogical(schema, converted) : converted;
    }

    private static String string(Object value) {
        if (value instanceof String text) return text;
        if (value instanceof CharSequence || value instanceof GenericEnumSymbol<?> || value instanceof Enum<?>) {
            return value.toString();
        }
        throw new DataException("Invalid class for string type, expecting String or CharSequence but found "
                + value.getClass());
    }

    private static ByteBuffer bytes(Object value) {
        if (value instanceof byte[] array) return ByteBuffer.wrap(array);
        if (value instanceof ByteBuffer buffer) return buffer;
        if (value instanceof GenericFixed fixed) return ByteBuffer.wrap(fixed.bytes());
        throw new DataException("Invalid class for bytes type, expecting byte[] or ByteBuffer but found " + value.getClass());
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> map(Schema schema, Object value, AvroSchemaToConnect.Context ctx) {
        Schema keySchema = schema.keySchema();
        Map<Object, Object> result = new HashMap<>();
        if (keySchema.type() == Schema.Type.STRING && !keySchema.isOptional()) {
            ((Map<CharSequence, Object>) value).forEach((key, entry) ->
                    result.put(key.toString(), convert(schema.valueSchema(), entry, ctx)));
        } else {
            for (IndexedRecord entry : (Collection<IndexedRecord>) value) {
                org.apache.avro.Schema entrySchema = entry.getSchema();
                Object key = entry.get(entrySchema.getField(ConnectAvroNames.KEY).pos());
                Object entryValue = entry.get(entrySchema.getField(ConnectAvroNames.VALUE).pos());
                result.put(convert(keySchema, key, ctx), convert(schema.valueSchema(), entryValue, ctx));
            }
        }
        return result;
    }

    private Struct union(Schema schema, Object value, AvroSchemaToConnect.Context ctx) {
        Schema recordSchema = value instanceof IndexedRecord record
                ? schemas.convertOrReference(record.getSchema(), true, ctx) : null;
        int index = 0;
        for (Field member : schema.fields()) {
            Schema memberSchema = member.schema();
            if (isSimpleBranchValue(memberSchema, value, index)
                    || (recordSchema != null && ConnectSchemas.equal(recordSchema, memberSchema))) {
                return new Struct(schema).put(rules.branchName(memberSchema, index), convert(memberSchema, value, ctx));
            }
            index++;
        }
        throw new DataException("Did not find matching union field for data");
    }

    private boolean isSimpleBranchValue(Schema member, Object value, int index) {
        if (MappingRules.isEnum(member)) {
            String enumName = member.parameters().get(rules.enumParameter());
            return value instanceof GenericEnumSymbol<?> symbol
                    ? symbol.getSchema().getFullName().equals(enumName)
                    : value.getClass().getName().equals(enumName);
        }
        boolean typeMatches = switch (member.type()) {
            case INT32 -> value instanceof Integer;
            case INT64 -> value instanceof Long;
            case FLOAT32 -> value instanceof Float;
            case FLOAT64 -> value instanceof Double;
            case BOOLEAN -> value instanceof Boolean;
            case STRING -> value instanceof CharSequence;
            case BYTES -> value instanceof ByteBuffer || value instanceof byte[] || value instanceof GenericFixed;
            case ARRAY -> value instanceof Collection<?>;
            case MAP -> value instanceof Map<?, ?>;
            default -> false;
        };
        if (!typeMatches || !MappingRules.isFixed(member)) return typeMatches;
        int size = MappingRules.fixedSize(member);
        if (value instanceof byte[] bytes) return bytes.length == size;
        if (value instanceof ByteBuffer buffer) return buffer.remaining() == size;
        return rules.branchName(((GenericFixed) value).getSchema(), index).equals(rules.branchName(member, index));
    }

    private Struct structFromMap(Schema schema, Map<CharSequence, Object> fields, AvroSchemaToConnect.Context ctx) {
        Struct result = new Struct(schema);
        for (Field field : schema.fields()) {
            String name = ConnectAvroNames.scrub(field.name(), rules.scrubNames());
            result.put(field, convert(field.schema(), fields.getOrDefault(name, field.schema().defaultValue()), ctx));
        }
        return result;
    }

    private Struct struct(Schema schema, IndexedRecord record, AvroSchemaToConnect.Context ctx) {
        Struct result = new Struct(schema);
        for (Field field : schema.fields()) {
            org.apache.avro.Schema.Field avroField = record.getSchema().getField(ConnectAvroNames.scrub(field.name(), rules.scrubNames()));
            result.put(field, convert(field.schema(), record.get(avroField.pos()), ctx));
        }
        return result;
    }

    /**
     * The Connect form of an Avro default: a Java object (Avro's {@code Field.defaultVal()}) or the JSON of a
     * {@code connect.default} property, read against {@code avro}.
     */
    Object fromDefault(Schema schema, org.apache.avro.Schema avro, Object value, AvroSchemaToConnect.Context ctx) {
        return LogicalValues.toLogical(schema, fromDefaultPrimitive(schema, avro, value, ctx));
    }

    private Object fromDefaultPrimitive(Schema schema, org.apache.avro.Schema avro, Object value, AvroSchemaToConnect.Context ctx) {
        if (value == null || value == JsonProperties.NULL_VALUE) return null;
        if (!(value instanceof JsonNode json)) return convert(schema, value, ctx, false);
        switch (avro.getType()) {
            case INT:
                return switch (schema.type()) {
                    case INT8 -> (byte) json.intValue();
                    case INT16 -> json.shortValue();
                    case INT32 -> json.intValue();
                    default -> null;
                };
            case LONG: return json.longValue();
            case FLOAT: return (float) json.doubleValue();
            case DOUBLE: return json.doubleValue();
            case BOOLEAN: return json.asBoolean();
            case STRING:
            case ENUM: return json.asText();
            case BYTES:
            case FIXED:
                try {
                    byte[] bytes = json.isTextual() ? json.textValue().getBytes(StandardCharsets.ISO_8859_1) : json.binaryValue();
                    return bytes == null ? null : ByteBuffer.wrap(bytes);
                } catch (IOException e) {
                    throw new DataException("Invalid binary data in default value", e);
                }
            case ARRAY: {
                if (!json.isArray()) throw new DataException("Invalid JSON for array default value");
                List<Object> result = new ArrayList<>(json.size());
                for (JsonNode element : json) result.add(fromDefault(schema.valueSchema(), avro.getElementType(), element, ctx));
                return result;
            }
            case MAP: {
                if (!json.isObject()) throw new DataException("Invalid JSON for map default value");
                Map<String, Object> result = new HashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    result.put(entry.getKey(), fromDefault(schema.valueSchema(), avro.getValueType(), entry.getValue(), ctx));
                }
                return result;
            }
            case RECORD: {
                if (!json.isObject()) throw new DataException("Invalid JSON for record default value");
                Struct result = new Struct(schema);
                for (org.apache.avro.Schema.Field avroField : avro.getFields()) {
                    Field field = schema.field(avroField.name());
                    result.put(avroField.name(), fromDefault(field.schema(), avroField.schema(), json.get(field.name()), ctx));
                }
                return result;
            }
            case UNION: {
                // A union's default belongs to its first branch.
                org.apache.avro.Schema first = avro.getTypes().get(0);
                if (first.getType() == org.apache.avro.Schema.Type.NULL) return null;
                return fromDefault(schema.field(rules.branchName(first, 0)).schema(), first, value, ctx);
            }
            default:
                return null;
        }
    }
}
