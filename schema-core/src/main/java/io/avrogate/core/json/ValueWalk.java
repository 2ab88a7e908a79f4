package io.avrogate.core.json;

import static io.avrogate.core.json.Messages.describe;
import static io.avrogate.core.json.Messages.escape;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The walk of a JSON value along a schema: records, maps, arrays, enums and primitives here; logical types, unions
 * and bytes in their own helpers. Every reason a value does not fit goes to the {@link ConversionErrors} with the
 * value's JSON Pointer path.
 */
final class ValueWalk {
    private final JsonToAvro.Options options;

    ValueWalk(JsonToAvro.Options options) {
        this.options = options;
    }

    JsonToAvro.Options options() {
        return options;
    }

    Object convert(JsonNode node, Schema schema, String path, ConversionErrors errors) {
        LogicalType logical = schema.getLogicalType();
        if (logical != null && schema.getType() != Schema.Type.UNION) {
            return LogicalValues.convert(this, node, schema, logical, path, errors);
        }
        switch (schema.getType()) {
            case UNION:
                return UnionBranches.convert(this, node, schema, path, errors);
            case NULL:
                if (!node.isNull()) errors.add(path, "expected null, got " + describe(node));
                return null;
            case BOOLEAN:
                if (!node.isBoolean()) {
                    errors.add(path, "expected boolean, got " + describe(node));
                    return null;
                }
                return node.booleanValue();
            case INT:
                return integer(node, path, errors, true);
            case LONG:
                return integer(node, path, errors, false);
            case FLOAT:
            case DOUBLE:
                return floating(node, schema.getType() == Schema.Type.FLOAT, path, errors);
            case STRING:
                if (!node.isTextual()) {
                    errors.add(path, "expected string, got " + describe(node));
                    return null;
                }
                return node.textValue();
            case BYTES: {
                byte[] bytes = BytesValues.decode(node, options.bytesEncoding(), "bytes", path, errors);
                return bytes == null ? null : ByteBuffer.wrap(bytes);
            }
            case FIXED:
                return fixed(node, schema, path, errors);
            case ENUM:
                return enumSymbol(node, schema, path, errors);
            case ARRAY:
                return array(node, schema, path, errors);
            case MAP:
                return map(node, schema, path, errors);
            case RECORD:
                return record(node, schema, path, errors);
            default:
                throw new IllegalStateException("unknown Avro type " + schema.getType());
        }
    }

    private GenericRecord record(JsonNode node, Schema schema, String path, ConversionErrors errors) {
        if (!node.isObject()) {
            errors.add(path, "expected record " + schema.getName() + " (a JSON object), got " + describe(node));
            return null;
        }
        GenericData.Record record = new GenericData.Record(schema);
        Set<String> used = new HashSet<>();
        for (Schema.Field field : schema.getFields()) {
            String given = field.name();
            JsonNode value = node.get(given);
            if (value == null) {
                for (String alias : field.aliases()) {
                    if (node.has(alias)) {
                        given = alias;
                        value = node.get(alias);
                        break;
                    }
                }
            }
            String fieldPath = path + "/" + escape(field.name());
            if (value == null) {
                if (field.hasDefaultValue()) {
                    record.put(field.pos(), GenericData.get().getDefaultValue(field));
                } else {
                    errors.add(fieldPath, "missing required field (" + describe(field.schema()) + ", no default)");
                }
            } else {
                used.add(given);
                record.put(field.pos(), convert(value, field.schema(), path + "/" + escape(given), errors));
            }
            if (errors.full()) return record;
        }
        if (!options.ignoreUnknownFields() && used.size() < node.size()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!used.contains(name)) {
                    errors.add(path + "/" + escape(name), "unknown field: record " + schema.getName() + " has no such field");
                }
            }
        }
        return record;
    }

    private Map<String, Object> map(JsonNode node, Schema schema, String path, ConversionErrors errors) {
        if (!node.isObject()) {
            errors.add(path, "expected map (a JSON object), got " + describe(node));
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext() && !errors.full(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            map.put(entry.getKey(), convert(entry.getValue(), schema.getValueType(), path + "/" + escape(entry.getKey()), errors));
        }
        return map;
    }

    private GenericData.Array<Object> array(JsonNode node, Schema schema, String path, ConversionErrors errors) {
        if (!node.isArray()) {
            errors.add(path, "expected array, got " + describe(node));
            return null;
        }
        GenericData.Array<Object> array = new GenericData.Array<>(node.size(), schema);
        for (int i = 0; i < node.size() && !errors.full(); i++) {
            array.add(convert(node.get(i), schema.getElementType(), path + "/" + i, errors));
        }
        return array;
    }

    private Object fixed(JsonNode node, Schema schema, String path, ConversionErrors errors) {
        byte[] bytes = BytesValues.decode(node, options.bytesEncoding(), "fixed " + schema.getName(), path, errors);
        if (bytes == null) return null;
        if (bytes.length != schema.getFixedSize()) {
            errors.add(path, "expected " + schema.getFixedSize() + " bytes for fixed " + schema.getName()
                    + ", got " + bytes.length);
            return null;
        }
        return new GenericData.Fixed(schema, bytes);
    }

    private static Object enumSymbol(JsonNode node, Schema schema, String path, ConversionErrors errors) {
        if (!node.isTextual()) {
            errors.add(path, "expected one of " + schema.getEnumSymbols() + ", got " + describe(node));
            return null;
        }
        String symbol = node.textValue();
        if (schema.hasEnumSymbol(symbol)) return new GenericData.EnumSymbol(schema, symbol);
        if (schema.getEnumDefault() != null) return new GenericData.EnumSymbol(schema, schema.getEnumDefault());
        errors.add(path, "expected one of " + schema.getEnumSymbols() + ", got " + describe(node));
        return null;
    }

    /** An int or long from a JSON number in range; an integral-valued fraction such as 5.0 counts. */
    static Object integer(JsonNode node, String path, ConversionErrors errors, boolean isInt) {
        String type = isInt ? "int" : "long";
        if (!node.isNumber()) {
            errors.add(path, "expected " + type + ", got " + describe(node));
            return null;
        }
        try {
            BigDecimal exact = node.decimalValue();
            return isInt ? (Object) exact.intValueExact() : (Object) exact.longValueExact();
        } catch (ArithmeticException e) {
            boolean integral = node.isIntegralNumber() || node.decimalValue().stripTrailingZeros().scale() <= 0;
            errors.add(path, integral ? node.asText() + " is out of range for " + type
                    : "expected " + type + ", got fractional number " + node.asText());
            return null;
        }
    }

    private static Object floating(JsonNode node, boolean isFloat, String path, ConversionErrors errors) {
        String type = isFloat ? "float" : "double";
        if (node.isTextual()) {
            switch (node.textValue()) {
                case "NaN": return isFloat ? (Object) Float.NaN : (Object) Double.NaN;
                case "Infinity": return isFloat ? (Object) Float.POSITIVE_INFINITY : (Object) Double.POSITIVE_INFINITY;
                case "-Infinity": return isFloat ? (Object) Float.NEGATIVE_INFINITY : (Object) Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        if (!node.isNumber()) {
            errors.add(path, "expected " + type + ", got " + describe(node));
            return null;
        }
        double value = node.doubleValue();
        if (Double.isInfinite(value) || (isFloat && Float.isInfinite((float) value))) {
            errors.add(path, node.asText() + " is out of range for " + type);
            return null;
        }
        return isFloat ? (Object) (float) value : (Object) value;
    }
}
