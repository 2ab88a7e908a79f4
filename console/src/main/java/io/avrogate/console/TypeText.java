package io.avrogate.console;

import java.util.stream.Collectors;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;

/** An Avro type as a reviewer reads it in one line: {@code string}, {@code [null, long]}, {@code map<Device>}. */
final class TypeText {
    private static final int MAX_SYMBOLS = 8;

    private TypeText() {}

    static String of(Schema schema) {
        LogicalType logical = schema.getLogicalType();
        String base = switch (schema.getType()) {
            case RECORD -> schema.getName();
            case ENUM -> "enum " + schema.getName() + " {" + symbols(schema) + "}";
            case FIXED -> "fixed " + schema.getName() + "(" + schema.getFixedSize() + ")";
            case ARRAY -> "array<" + of(schema.getElementType()) + ">";
            case MAP -> "map<" + of(schema.getValueType()) + ">";
            case UNION -> schema.getTypes().stream().map(TypeText::of).collect(Collectors.joining(", ", "[", "]"));
            default -> schema.getType().getName();
        };
        return logical == null ? base : base + " (" + logical.getName() + ")";
    }

    private static String symbols(Schema schema) {
        var symbols = schema.getEnumSymbols();
        String shown = String.join(", ", symbols.subList(0, Math.min(MAX_SYMBOLS, symbols.size())));
        return symbols.size() > MAX_SYMBOLS ? shown + ", … " + (symbols.size() - MAX_SYMBOLS) + " more" : shown;
    }
}
