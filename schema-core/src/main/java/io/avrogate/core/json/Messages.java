package io.avrogate.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.stream.Collectors;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/** How values, schemas and paths appear in conversion errors. */
final class Messages {
    private Messages() {}

    /** A short rendering of a JSON value for an error message. */
    static String describe(JsonNode node) {
        if (node.isObject()) return "an object";
        if (node.isArray()) return "an array";
        if (node.isTextual()) {
            String text = node.textValue();
            if (text.length() > 60) text = text.substring(0, 57) + "...";
            return TextNode.valueOf(text).toString();
        }
        return node.toString();
    }

    /** A short name of a schema for messages: named types by name, logical types by logical name. */
    static String describe(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            return schema.getTypes().stream().map(Messages::describe).collect(Collectors.joining(", ", "[", "]"));
        }
        if (schema.getLogicalType() != null) {
            LogicalType logical = schema.getLogicalType();
            if (logical instanceof LogicalTypes.Decimal d) return "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
            return logical.getName();
        }
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> schema.getName();
            case ARRAY -> "array<" + describe(schema.getElementType()) + ">";
            case MAP -> "map<" + describe(schema.getValueType()) + ">";
            default -> schema.getType().getName();
        };
    }

    /** JSON Pointer escaping of one path segment (RFC 6901). */
    static String escape(String segment) {
        return segment.indexOf('~') < 0 && segment.indexOf('/') < 0 ? segment : segment.replace("~", "~0").replace("/", "~1");
    }
}
