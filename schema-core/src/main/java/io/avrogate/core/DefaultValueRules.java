package io.avrogate.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.util.internal.JacksonUtils;

/**
 * Default-value validation as Avro 1.11 does it, which is what Confluent's registry enforces. Avro 1.12 relaxed
 * one rule — a union field's default may match any branch — while 1.11 (and so Confluent) accepts only a default
 * of the union's first branch. Avro 1.12's own validation still runs first; this adds the stricter union rule.
 */
final class DefaultValueRules {
    private DefaultValueRules() {}

    static void check(Schema schema) {
        walk(schema, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void walk(Schema schema, Set<Schema> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema)) return;
                for (Schema.Field field : schema.getFields()) {
                    if (field.hasDefaultValue()) {
                        JsonNode value = JacksonUtils.toJsonNode(field.defaultVal());
                        if (!isValid(field.schema(), value)) {
                            throw new InvalidSchemaException("Invalid default for field " + field.name() + ": "
                                    + value + " not a " + field.schema());
                        }
                    }
                    walk(field.schema(), seen);
                }
            }
            case ARRAY -> walk(schema.getElementType(), seen);
            case MAP -> walk(schema.getValueType(), seen);
            case UNION -> schema.getTypes().forEach(branch -> walk(branch, seen));
            default -> { }
        }
    }

    private static boolean isValid(Schema schema, JsonNode value) {
        if (value == null) return false;
        return switch (schema.getType()) {
            case STRING, BYTES, ENUM, FIXED -> value.isTextual();
            case INT -> value.isInt();
            case LONG -> value.isLong() || value.isInt();
            case FLOAT, DOUBLE -> value.isNumber();
            case BOOLEAN -> value.isBoolean();
            case NULL -> value.isNull();
            case ARRAY -> {
                if (!value.isArray()) yield false;
                for (JsonNode element : value) {
                    if (!isValid(schema.getElementType(), element)) yield false;
                }
                yield true;
            }
            case MAP -> {
                if (!value.isObject()) yield false;
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    if (!isValid(schema.getValueType(), it.next().getValue())) yield false;
                }
                yield true;
            }
            case UNION -> isValid(schema.getTypes().get(0), value);
            case RECORD -> {
                if (!value.isObject()) yield false;
                for (Schema.Field field : schema.getFields()) {
                    JsonNode fieldValue = value.get(field.name());
                    if (fieldValue == null ? !field.hasDefaultValue() : !isValid(field.schema(), fieldValue)) {
                        yield false;
                    }
                }
                yield true;
            }
        };
    }
}
