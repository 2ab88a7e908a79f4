package io.avrogate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * Plain JSON of a deserialized Avro value, for people and {@code jq}: records are objects, unions are the value of
 * the branch taken (not Avro's {@code {"type": value}} wrapping), enums are their symbol, bytes and fixed are base64,
 * and logical types read with converters print as their natural text (decimal as a number, timestamps and dates as
 * ISO-8601, uuid as its string).
 */
final class AvroJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AvroJson() {}

    static JsonNode toJson(Object value) {
        if (value == null) return JSON.nullNode();
        if (value instanceof GenericRecord record) {
            ObjectNode object = JSON.objectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                object.set(field.name(), toJson(record.get(field.pos())));
            }
            return object;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = JSON.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), toJson(v)));
            return object;
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = JSON.arrayNode();
            items.forEach(item -> array.add(toJson(item)));
            return array;
        }
        if (value instanceof GenericEnumSymbol<?> symbol) return JSON.textNode(symbol.toString());
        if (value instanceof GenericFixed fixed) return JSON.textNode(Base64.getEncoder().encodeToString(fixed.bytes()));
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return JSON.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof byte[] bytes) return JSON.textNode(Base64.getEncoder().encodeToString(bytes));
        if (value instanceof Boolean b) return JSON.booleanNode(b);
        if (value instanceof Integer i) return JSON.numberNode(i);
        if (value instanceof Long l) return JSON.numberNode(l);
        if (value instanceof Float f) return JSON.numberNode(f);
        if (value instanceof Double d) return JSON.numberNode(d);
        if (value instanceof BigDecimal d) return JSON.numberNode(d);
        if (value instanceof BigInteger i) return JSON.numberNode(i);
        // CharSequence (String, Utf8), UUID, Instant, LocalDate, LocalTime: their text is the natural JSON form.
        return JSON.textNode(value.toString());
    }
}
