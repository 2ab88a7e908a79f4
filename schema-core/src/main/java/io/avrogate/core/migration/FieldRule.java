package io.avrogate.core.migration;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * How one target field is produced: from a source path (optionally converted or enum-mapped), from a constant,
 * or from the target field's default. Exactly one of {@code from}, {@code constant} and {@code useDefault} is set.
 *
 * @param from        dotted path in the source record, e.g. {@code ad.campaign_id}
 * @param constant    a value in Avro's JSON encoding for the target type
 * @param useDefault  take the target field's default
 * @param convert     conversion applied to the source value
 * @param enumMap     source symbol (or string) to target symbol
 * @param enumDefault target symbol for source symbols the map does not name
 * @param onError     what happens to a record this field cannot be produced for; null when the mapping does not say
 */
public record FieldRule(
        String from, JsonNode constant, boolean useDefault, Conversion convert,
        Map<String, String> enumMap, String enumDefault, OnError onError) {

    public FieldRule {
        enumMap = enumMap == null ? Map.of() : Map.copyOf(enumMap);
        convert = convert == null ? Conversion.NONE : convert;
    }

    public FieldRule(String from, JsonNode constant, boolean useDefault, Conversion convert,
            Map<String, String> enumMap, String enumDefault) {
        this(from, constant, useDefault, convert, enumMap, enumDefault, null);
    }

    public static FieldRule from(String path) {
        return new FieldRule(path, null, false, Conversion.NONE, Map.of(), null, null);
    }
}
