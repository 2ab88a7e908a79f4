package io.avrogate.schemas;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Builds a record in which every field holds a non-default value: unions take their non-null branch, enums a
 * symbol other than the first, collections are non-empty, logical types hold valid values. A round trip of such a
 * record proves every field survives, not just the defaults.
 */
final class PopulatedRecords {
    private int counter = 1;

    Object valueFor(Schema schema) {
        LogicalType logical = schema.getLogicalType();
        if (logical != null) {
            switch (logical.getName()) {
                case "uuid" -> { return "123e4567-e89b-42d3-a456-42661417400" + (counter++ % 10); }
                case "timestamp-millis" -> { return 1_732_400_000_000L + counter++; }
                case "timestamp-micros" -> { return 1_732_400_000_000_000L + counter++; }
                case "date" -> { return 20_000 + counter++; }
                case "decimal" -> {
                    // unscaled 12345 (two's complement, big-endian): 123.45 at scale 2, 0.012345 at scale 6
                    byte[] unscaled = {0x30, 0x39};
                    if (schema.getType() == Schema.Type.FIXED) {
                        byte[] fixed = new byte[schema.getFixedSize()];
                        System.arraycopy(unscaled, 0, fixed, fixed.length - 2, 2);
                        return new GenericData.Fixed(schema, fixed);
                    }
                    return ByteBuffer.wrap(unscaled);
                }
                default -> { }
            }
        }
        return switch (schema.getType()) {
            case RECORD -> {
                GenericData.Record record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) record.put(field.pos(), valueFor(field.schema()));
                yield record;
            }
            case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(
                    Math.min(1, schema.getEnumSymbols().size() - 1)));
            case ARRAY -> new GenericData.Array<>(schema, List.of(valueFor(schema.getElementType()),
                    valueFor(schema.getElementType())));
            case MAP -> {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("k" + counter++, valueFor(schema.getValueType()));
                map.put("k" + counter++, valueFor(schema.getValueType()));
                yield map;
            }
            case UNION -> valueFor(schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL)
                    .findFirst().orElse(schema.getTypes().get(0)));
            case FIXED -> {
                byte[] bytes = new byte[schema.getFixedSize()];
                for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (i + counter);
                counter++;
                yield new GenericData.Fixed(schema, bytes);
            }
            case STRING -> "value-" + counter++;
            case BYTES -> ByteBuffer.wrap(new byte[] {1, 2, (byte) counter++});
            case INT -> 1000 + counter++;
            case LONG -> 5_000_000_000L + counter++;
            case FLOAT -> 1.5f + counter++;
            case DOUBLE -> 2.25 + counter++;
            case BOOLEAN -> true;
            case NULL -> null;
        };
    }
}
