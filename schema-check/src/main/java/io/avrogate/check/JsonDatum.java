package io.avrogate.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * A sample record written by a person, in plain JSON or in Avro's JSON encoding, turned into the generic datum
 * Avro would decode (no logical-type conversions: what the translator sees in the bridge). Accepted beyond Avro's
 * encoding, because samples are written by hand: unions without the type wrapper (the first branch that fits),
 * decimals as JSON numbers or numeric strings, timestamps and dates as ISO-8601 strings, missing fields that have
 * a default.
 */
final class JsonDatum {
    /** A sample that does not fit the schema, with the dotted path of the offending field. */
    static final class SampleException extends RuntimeException {
        SampleException(String path, String message) {
            super((path.isEmpty() ? "" : "field '" + path + "': ") + message);
        }
    }

    private JsonDatum() {}

    static Object convert(JsonNode node, Schema schema) {
        return convert(node, schema, "");
    }

    private static Object convert(JsonNode node, Schema schema, String path) {
        switch (schema.getType()) {
            case NULL:
                if (node.isNull()) return null;
                throw mismatch(path, "null", node);
            case BOOLEAN:
                if (node.isBoolean()) return node.booleanValue();
                throw mismatch(path, "boolean", node);
            case INT:
                if (schema.getLogicalType() instanceof LogicalTypes.Date && node.isTextual()) {
                    try {
                        return (int) LocalDate.parse(node.textValue()).toEpochDay();
                    } catch (DateTimeParseException e) {
                        throw mismatch(path, "date (yyyy-mm-dd)", node);
                    }
                }
                if (node.canConvertToInt() && node.isIntegralNumber()) return node.intValue();
                throw mismatch(path, "int", node);
            case LONG:
                if (node.isTextual() && isTimestamp(schema)) return timestamp(node.textValue(), schema, path);
                if (node.canConvertToLong() && node.isIntegralNumber()) return node.longValue();
                throw mismatch(path, "long", node);
            case FLOAT:
                if (node.isNumber()) return node.floatValue();
                throw mismatch(path, "float", node);
            case DOUBLE:
                if (node.isNumber()) return node.doubleValue();
                throw mismatch(path, "double", node);
            case STRING:
                if (node.isTextual()) return node.textValue();
                throw mismatch(path, "string", node);
            case BYTES:
                return ByteBuffer.wrap(bytes(node, schema, path));
            case FIXED: {
                byte[] b = bytes(node, schema, path);
                if (b.length != schema.getFixedSize()) {
                    throw new SampleException(path, "fixed " + schema.getFullName() + " needs " + schema.getFixedSize()
                            + " bytes, the sample has " + b.length);
                }
                return new GenericData.Fixed(schema, b);
            }
            case ENUM:
                if (node.isTextual() && schema.hasEnumSymbol(node.textValue())) return new GenericData.EnumSymbol(schema, node.textValue());
                throw mismatch(path, "one of " + schema.getEnumSymbols(), node);
            case ARRAY: {
                if (!node.isArray()) throw mismatch(path, "array", node);
                List<Object> out = new ArrayList<>();
                int i = 0;
                for (JsonNode element : node) out.add(convert(element, schema.getElementType(), path + "[" + i++ + "]"));
                return new GenericData.Array<>(schema, out);
            }
            case MAP: {
                if (!node.isObject()) throw mismatch(path, "map", node);
                Map<String, Object> out = new HashMap<>();
                node.fields().forEachRemaining(e -> out.put(e.getKey(), convert(e.getValue(), schema.getValueType(),
                        path + "[" + e.getKey() + "]")));
                return out;
            }
            case RECORD:
                return record(node, schema, path);
            case UNION:
                return union(node, schema, path);
            default:
                throw new SampleException(path, "unsupported type " + schema.getType());
        }
    }

    private static GenericData.Record record(JsonNode node, Schema schema, String path) {
        if (!node.isObject()) throw mismatch(path, "record " + schema.getFullName(), node);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (schema.getField(name) == null) {
                throw new SampleException(join(path, name), "is not a field of " + schema.getFullName());
            }
        }
        GenericData.Record out = new GenericData.Record(schema);
        for (Schema.Field f : schema.getFields()) {
            String fieldPath = join(path, f.name());
            JsonNode value = node.get(f.name());
            if (value == null) {
                if (!f.hasDefaultValue()) throw new SampleException(fieldPath, "is missing and has no default");
                out.put(f.pos(), GenericData.get().getDefaultValue(f));
            } else {
                out.put(f.pos(), convert(value, f.schema(), fieldPath));
            }
        }
        return out;
    }

    private static Object union(JsonNode node, Schema schema, String path) {
        if (node.isNull()) {
            if (schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL)) return null;
            throw mismatch(path, "one of " + schema.getTypes(), node);
        }
        // Avro's JSON encoding: {"branch name": value}.
        if (node.isObject() && node.size() == 1) {
            String tag = node.fieldNames().next();
            for (Schema branch : schema.getTypes()) {
                if (tag.equals(branch.getFullName()) || tag.equals(branch.getName()) || tag.equals(branch.getType().getName())) {
                    return convert(node.get(tag), branch, path);
                }
            }
        }
        SampleException first = null;
        for (Schema branch : schema.getTypes()) {
            if (branch.getType() == Schema.Type.NULL) continue;
            try {
                return convert(node, branch, path);
            } catch (SampleException e) {
                if (first == null) first = e;
            }
        }
        throw first != null ? first : mismatch(path, "one of " + schema.getTypes(), node);
    }

    private static byte[] bytes(JsonNode node, Schema schema, String path) {
        if (schema.getLogicalType() instanceof LogicalTypes.Decimal d && (node.isNumber() || looksNumeric(node))) {
            BigDecimal value = node.isNumber() ? node.decimalValue() : new BigDecimal(node.textValue());
            try {
                BigDecimal scaled = value.setScale(d.getScale(), RoundingMode.UNNECESSARY);
                if (scaled.precision() > d.getPrecision()) {
                    throw new SampleException(path, value + " has more than " + d.getPrecision() + " digits");
                }
                return scaled.unscaledValue().toByteArray();
            } catch (ArithmeticException e) {
                throw new SampleException(path, value + " has more than " + d.getScale() + " decimal places");
            }
        }
        if (node.isTextual()) return node.textValue().getBytes(StandardCharsets.ISO_8859_1); // Avro's JSON encoding
        throw mismatch(path, "bytes (a string of ISO-8859-1 characters" + (schema.getLogicalType() != null ? " or a number" : "") + ")", node);
    }

    private static boolean looksNumeric(JsonNode node) {
        return node.isTextual() && node.textValue().matches("-?\\d+(\\.\\d+)?");
    }

    private static boolean isTimestamp(Schema schema) {
        return schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                || schema.getLogicalType() instanceof LogicalTypes.TimestampMicros;
    }

    private static long timestamp(String text, Schema schema, String path) {
        try {
            Instant instant = Instant.parse(text);
            return schema.getLogicalType() instanceof LogicalTypes.TimestampMillis ? instant.toEpochMilli()
                    : Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
        } catch (DateTimeParseException e) {
            throw mismatch(path, "an ISO-8601 instant", text);
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static SampleException mismatch(String path, String expected, Object actual) {
        String shown = String.valueOf(actual);
        if (shown.length() > 60) shown = shown.substring(0, 60) + "...";
        return new SampleException(path, "expected " + expected + ", got " + shown);
    }
}
