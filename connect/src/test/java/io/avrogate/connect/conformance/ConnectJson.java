package io.avrogate.connect.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The corpus's JSON conventions for Connect schemas and values (see the corpus README): building the inputs, and
 * writing what the converter returns in the same form so that it compares with {@code expected} as JSON.
 */
final class ConnectJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final HexFormat HEX = HexFormat.of();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConnectJson() {}

    // ---- input -------------------------------------------------------------------------------------------------

    static Schema schema(JsonNode json) {
        if (json == null || json.isNull()) return null;
        String type = json.get("type").textValue();
        SchemaBuilder builder = switch (type) {
            case "struct" -> {
                SchemaBuilder struct = SchemaBuilder.struct();
                for (JsonNode field : iterable(json.get("fields"))) struct.field(field.get("name").textValue(), schema(field.get("schema")));
                yield struct;
            }
            case "array" -> SchemaBuilder.array(schema(json.get("valueSchema")));
            case "map" -> SchemaBuilder.map(schema(json.get("keySchema")), schema(json.get("valueSchema")));
            default -> SchemaBuilder.type(Schema.Type.valueOf(type.toUpperCase(Locale.ROOT)));
        };
        if (text(json, "name") != null) builder.name(text(json, "name"));
        if (json.hasNonNull("version")) builder.version(json.get("version").intValue());
        if (text(json, "doc") != null) builder.doc(text(json, "doc"));
        if (json.hasNonNull("parameters")) json.get("parameters").fields().forEachRemaining(p -> builder.parameter(p.getKey(), p.getValue().textValue()));
        if (json.path("optional").asBoolean(false)) builder.optional();
        if (json.hasNonNull("default")) builder.defaultValue(value(json.get("default"), builder));
        return builder.build();
    }

    static Object value(JsonNode json, Schema schema) {
        if (json == null || json.isNull()) return null;
        if (json.isObject() && json.has("$raw")) return raw(json.get("$raw"));
        if (schema.name() != null) {
            switch (schema.name()) {
                case Decimal.LOGICAL_NAME: return new BigDecimal(json.textValue());
                case Date.LOGICAL_NAME: return Date.toLogical(schema, json.intValue());
                case Time.LOGICAL_NAME: return Time.toLogical(schema, json.intValue());
                case Timestamp.LOGICAL_NAME: return Timestamp.toLogical(schema, json.longValue());
                default: break;
            }
        }
        return switch (schema.type()) {
            case INT8 -> (byte) json.intValue();
            case INT16 -> (short) json.intValue();
            case INT32 -> json.intValue();
            case INT64 -> json.longValue();
            case FLOAT32 -> Float.parseFloat(json.asText());
            case FLOAT64 -> Double.parseDouble(json.asText());
            case BOOLEAN -> json.booleanValue();
            case STRING -> json.textValue();
            case BYTES -> HEX.parseHex(json.textValue());
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonNode element : json) list.add(value(element, schema.valueSchema()));
                yield list;
            }
            case MAP -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (JsonNode pair : json) map.put(value(pair.get(0), schema.keySchema()), value(pair.get(1), schema.valueSchema()));
                yield map;
            }
            case STRUCT -> {
                Struct struct = new Struct(schema);
                json.fields().forEachRemaining(f -> struct.put(f.getKey(), value(f.getValue(), schema.field(f.getKey()).schema())));
                yield struct;
            }
        };
    }

    /** A Java object of the named type whatever the schema says, to provoke type errors. */
    private static Object raw(JsonNode raw) {
        JsonNode value = raw.get("value");
        return switch (raw.get("type").textValue()) {
            case "int8" -> (byte) value.intValue();
            case "int16" -> (short) value.intValue();
            case "int32" -> value.intValue();
            case "int64" -> value.longValue();
            case "float32" -> Float.parseFloat(value.asText());
            case "float64" -> Double.parseDouble(value.asText());
            case "boolean" -> value.booleanValue();
            case "string" -> value.textValue();
            case "bytes" -> HEX.parseHex(value.textValue());
            case "bytebuffer" -> ByteBuffer.wrap(HEX.parseHex(value.textValue()));
            case "struct" -> value(value, schema(raw.get("schema")));
            default -> throw new IllegalArgumentException("unknown $raw type " + raw);
        };
    }

    // ---- output ------------------------------------------------------------------------------------------------

    /** A Connect schema in the corpus form; a recursive reference is {@code {"$recursiveRef": name}}. */
    static JsonNode render(Schema schema) {
        return render(schema, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static JsonNode render(Schema schema, Set<Object> ancestors) {
        if (schema == null) return NODES.nullNode();
        // A schema that is a view of another (schema() answers the other) is a reference back into a recursive one.
        Schema target = schema.schema();
        if (target != schema || ancestors.contains(target)) {
            return NODES.objectNode().put("$recursiveRef", schema.name());
        }
        ancestors.add(target);
        ObjectNode json = NODES.objectNode();
        json.put("type", schema.type().getName());
        json.put("optional", schema.isOptional());
        json.put("name", schema.name());
        json.set("version", schema.version() == null ? NODES.nullNode() : NODES.numberNode(schema.version()));
        json.put("doc", schema.doc());
        if (schema.parameters() == null) json.putNull("parameters");
        else {
            ObjectNode params = json.putObject("parameters");
            schema.parameters().forEach(params::put);
        }
        json.set("default", renderValue(schema, schema.defaultValue()));
        switch (schema.type()) {
            case STRUCT -> {
                ArrayNode fields = json.putArray("fields");
                for (Field field : schema.fields()) {
                    fields.addObject().put("name", field.name()).put("index", field.index())
                            .set("schema", render(field.schema(), ancestors));
                }
            }
            case MAP -> {
                json.set("keySchema", render(schema.keySchema(), ancestors));
                json.set("valueSchema", render(schema.valueSchema(), ancestors));
            }
            case ARRAY -> json.set("valueSchema", render(schema.valueSchema(), ancestors));
            default -> { }
        }
        ancestors.remove(target);
        return json;
    }

    /** A Connect value in the corpus form, read against its schema (null schema: by Java type). */
    static JsonNode renderValue(Schema schema, Object value) {
        if (value == null) return NODES.nullNode();
        if (schema != null && schema.name() != null) {
            switch (schema.name()) {
                case Decimal.LOGICAL_NAME: return NODES.textNode(((BigDecimal) value).toPlainString());
                case Date.LOGICAL_NAME: return NODES.numberNode(Date.fromLogical(schema, (java.util.Date) value));
                case Time.LOGICAL_NAME: return NODES.numberNode(Time.fromLogical(schema, (java.util.Date) value));
                case Timestamp.LOGICAL_NAME: return NODES.numberNode(Timestamp.fromLogical(schema, (java.util.Date) value));
                default: break;
            }
        }
        if (value instanceof Float f) return special(f) ? NODES.textNode(f.toString()) : NODES.numberNode(Double.parseDouble(f.toString()));
        if (value instanceof Double d) return special(d) ? NODES.textNode(d.toString()) : NODES.numberNode(d);
        if (value instanceof Number n) return NODES.numberNode(n.longValue());
        if (value instanceof Boolean b) return NODES.booleanNode(b);
        if (value instanceof String s) return NODES.textNode(s);
        if (value instanceof byte[] bytes) return NODES.textNode(HEX.formatHex(bytes));
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return NODES.textNode(HEX.formatHex(bytes));
        }
        if (value instanceof Collection<?> list) {
            ArrayNode array = NODES.arrayNode();
            for (Object element : list) array.add(renderValue(schema == null ? null : schema.valueSchema(), element));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            List<ArrayNode> pairs = new ArrayList<>();
            map.forEach((k, v) -> pairs.add(NODES.arrayNode()
                    .add(renderValue(schema == null ? null : schema.keySchema(), k))
                    .add(renderValue(schema == null ? null : schema.valueSchema(), v))));
            // Connect returns HashMaps: sort by the key's JSON text for a stable comparison.
            pairs.sort(Comparator.comparing(pair -> pair.get(0).toString()));
            ArrayNode array = NODES.arrayNode();
            pairs.forEach(array::add);
            return array;
        }
        if (value instanceof Struct struct) {
            ObjectNode json = NODES.objectNode();
            for (Field field : struct.schema().fields()) json.set(field.name(), renderValue(field.schema(), struct.getWithoutDefault(field.name())));
            return json;
        }
        throw new IllegalArgumentException("unexpected Java class " + value.getClass());
    }

    private static boolean special(double d) {
        return Double.isNaN(d) || Double.isInfinite(d);
    }

    /** Re-reads a tree through text, so numbers get the node types a parser gives them (int vs long). */
    static JsonNode normalized(JsonNode node) {
        try {
            return MAPPER.readTree(MAPPER.writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode json, String key) {
        return json.hasNonNull(key) ? json.get(key).textValue() : null;
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        return array == null ? List.of() : array::elements;
    }
}
