package io.avrogate.serde.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * The corpus's value conventions (README "Values"): Avro's JSON encoding with bytes/fixed as ISO-8859-1 strings,
 * NaN and infinities as strings, unions as {"branch": value}. Converts corpus JSON to the generic Java objects
 * Confluent was given, and Java results back to JSON so that expected and actual values compare as trees (object
 * key order is not significant in a Jackson tree comparison, as the README asks for maps).
 */
final class AvroJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {}

    static Object fromJson(JsonNode node, Schema schema) {
        switch (schema.getType()) {
            case NULL:
                return null;
            case BOOLEAN:
                return node.booleanValue();
            case INT:
                return node.intValue();
            case LONG:
                return node.longValue();
            case FLOAT:
                return (float) number(node);
            case DOUBLE:
                return number(node);
            case STRING:
                return node.textValue();
            case BYTES:
                return ByteBuffer.wrap(latin1(node));
            case FIXED:
                return new GenericData.Fixed(schema, latin1(node));
            case ENUM:
                return new GenericData.EnumSymbol(schema, node.textValue());
            case ARRAY: {
                GenericData.Array<Object> array = new GenericData.Array<>(node.size(), schema);
                for (JsonNode item : node) array.add(fromJson(item, schema.getElementType()));
                return array;
            }
            case MAP: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    map.put(e.getKey(), fromJson(e.getValue(), schema.getValueType()));
                }
                return map;
            }
            case RECORD: {
                GenericData.Record record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), fromJson(node.get(field.name()), field.schema()));
                }
                return record;
            }
            case UNION: {
                if (node == null || node.isNull()) return null;
                String branch = node.fieldNames().next();
                return fromJson(node.get(branch), branch(schema, branch));
            }
            default:
                throw new IllegalArgumentException("unknown type " + schema);
        }
    }

    static JsonNode toJson(Object value, Schema schema) {
        switch (schema.getType()) {
            case NULL:
                if (value != null) throw new AssertionError("expected null, got " + value);
                return NODES.nullNode();
            case BOOLEAN:
                return NODES.booleanNode((Boolean) value);
            case INT:
                return NODES.numberNode((Integer) value);
            case LONG:
                return NODES.numberNode((Long) value);
            case FLOAT: {
                float f = (Float) value;
                return Float.isNaN(f) || Float.isInfinite(f) ? NODES.textNode(Float.toString(f)) : NODES.numberNode(f);
            }
            case DOUBLE: {
                double d = (Double) value;
                return Double.isNaN(d) || Double.isInfinite(d) ? NODES.textNode(Double.toString(d)) : NODES.numberNode(d);
            }
            case STRING:
                return NODES.textNode(((CharSequence) value).toString());
            case BYTES:
                return NODES.textNode(new String(bytes(value), StandardCharsets.ISO_8859_1));
            case FIXED:
                return NODES.textNode(new String(((GenericFixed) value).bytes(), StandardCharsets.ISO_8859_1));
            case ENUM:
                return NODES.textNode(value.toString());
            case ARRAY: {
                ArrayNode array = NODES.arrayNode();
                for (Object item : (Collection<?>) value) array.add(toJson(item, schema.getElementType()));
                return array;
            }
            case MAP: {
                ObjectNode map = NODES.objectNode();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    map.set(e.getKey().toString(), toJson(e.getValue(), schema.getValueType()));
                }
                return map;
            }
            case RECORD: {
                IndexedRecord record = (IndexedRecord) value;
                ObjectNode object = NODES.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    object.set(field.name(), toJson(record.get(field.pos()), field.schema()));
                }
                return object;
            }
            case UNION: {
                if (value == null) return NODES.nullNode();
                Schema branch = schema.getTypes().get(GenericData.get().resolveUnion(schema, value));
                ObjectNode object = NODES.objectNode();
                object.set(branchName(branch), toJson(value, branch));
                return object;
            }
            default:
                throw new IllegalArgumentException("unknown type " + schema);
        }
    }

    /** The corpus's expected value in the form {@link #toJson} gives, so that the two compare as trees. */
    static JsonNode normalize(JsonNode expected, Schema schema) {
        return toJson(fromJson(expected, schema), schema);
    }

    static byte[] latin1(JsonNode node) {
        return node.textValue().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static double number(JsonNode node) {
        if (node.isTextual()) {
            return switch (node.textValue()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new IllegalArgumentException("not a number: " + node);
            };
        }
        return node.doubleValue();
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] array) return array;
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    private static Schema branch(Schema union, String name) {
        List<String> names = new ArrayList<>();
        for (Schema branch : union.getTypes()) {
            if (branchName(branch).equals(name)) return branch;
            names.add(branchName(branch));
        }
        throw new IllegalArgumentException("no branch " + name + " in " + names);
    }

    private static String branchName(Schema branch) {
        return switch (branch.getType()) {
            case RECORD, ENUM, FIXED -> branch.getFullName();
            default -> branch.getType().getName();
        };
    }
}
