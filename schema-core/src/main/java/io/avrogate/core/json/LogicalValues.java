package io.avrogate.core.json;

import static io.avrogate.core.json.Messages.describe;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Logical types from their natural JSON forms: decimals from numbers or numeric strings (never rounded), uuids from
 * canonical text, dates, times and timestamps from ISO-8601 text ({@link TemporalValues}) or numbers of units.
 */
final class LogicalValues {
    /** Decimal strings longer than this are refused before parsing (JSON numbers are bounded by Jackson). */
    static final int MAX_DECIMAL_TEXT = 1000;

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Conversions.DecimalConversion DECIMAL = new Conversions.DecimalConversion();
    private static final Conversions.BigDecimalConversion BIG_DECIMAL = new Conversions.BigDecimalConversion();

    private LogicalValues() {}

    /** The value of a non-union schema that has a logical type; {@code walk} converts underlying types. */
    static Object convert(ValueWalk walk, JsonNode node, Schema schema, LogicalType logical, String path,
                          ConversionErrors errors) {
        String name = logical.getName();
        try {
            switch (name) {
                case "decimal":
                    return decimal(node, schema, (LogicalTypes.Decimal) logical, path, errors);
                case "big-decimal": {
                    BigDecimal value = decimalValue(node, path, errors, "big-decimal");
                    return value == null ? null : BIG_DECIMAL.toBytes(value, schema, logical);
                }
                case "uuid":
                    return uuid(walk, node, schema, path, errors);
                case "date":
                    if (node.isTextual()) return TemporalValues.date(node.textValue());
                    return plain(node, schema, path, errors, "an ISO-8601 date (e.g. 2024-05-01) or days since 1970-01-01");
                case "time-millis":
                case "time-micros":
                    return timeOfDay(node, schema, TemporalValues.Unit.of(name), path, errors);
                case "timestamp-millis":
                case "timestamp-micros":
                case "timestamp-nanos":
                    if (node.isTextual()) return TemporalValues.timestamp(node.textValue(), TemporalValues.Unit.of(name));
                    return plain(node, schema, path, errors, "an ISO-8601 timestamp with zone offset (e.g."
                            + " 2024-05-01T12:00:00Z) or " + TemporalValues.Unit.of(name).label + " since the epoch");
                case "local-timestamp-millis":
                case "local-timestamp-micros":
                case "local-timestamp-nanos":
                    if (node.isTextual()) return TemporalValues.localTimestamp(node.textValue(), TemporalValues.Unit.of(name));
                    return plain(node, schema, path, errors, "an ISO-8601 local date-time (e.g. 2024-05-01T12:00:00)"
                            + " or " + TemporalValues.Unit.of(name).label + " since 1970-01-01T00:00");
                default:
                    // A logical type we have no natural form for (e.g. duration): the underlying type's JSON form.
                    return walk.convert(node, withoutLogicalType(schema), path, errors);
            }
        } catch (TemporalValues.Invalid e) {
            errors.add(path, e.getMessage());
            return null;
        }
    }

    private static Object timeOfDay(JsonNode node, Schema schema, TemporalValues.Unit unit, String path,
                                    ConversionErrors errors) throws TemporalValues.Invalid {
        if (node.isTextual()) {
            long units = TemporalValues.timeOfDay(node.textValue(), unit);
            return schema.getType() == Schema.Type.INT ? (Object) (int) units : (Object) units;
        }
        Object units = plain(node, schema, path, errors, "an ISO-8601 time of day (e.g. 13:45:00) or "
                + unit.label + " after midnight");
        if (units != null) {
            long perDay = 86_400_000_000_000L / unit.nanosPerUnit;
            long value = ((Number) units).longValue();
            if (value < 0 || value >= perDay) {
                errors.add(path, value + " is not a time of day (0 to " + (perDay - 1) + " " + unit.label + ")");
                return null;
            }
        }
        return units;
    }

    /** The underlying int or long of a logical type, from a JSON number only. */
    private static Object plain(JsonNode node, Schema schema, String path, ConversionErrors errors, String expected) {
        if (!node.isNumber()) {
            errors.add(path, "expected " + expected + ", got " + describe(node));
            return null;
        }
        return ValueWalk.integer(node, path, errors, schema.getType() == Schema.Type.INT);
    }

    private static Object decimal(JsonNode node, Schema schema, LogicalTypes.Decimal type, String path,
                                  ConversionErrors errors) {
        BigDecimal value = decimalValue(node, path, errors, "decimal(" + type.getPrecision() + "," + type.getScale() + ")");
        if (value == null) return null;
        // Checked on the digits before any rescaling: 1E+999999999 must be refused, not expanded.
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        if (stripped.scale() > type.getScale()) {
            errors.add(path, show(value) + " has more than " + type.getScale() + " decimal places (scale "
                    + type.getScale() + "); it is not rounded");
            return null;
        }
        long integerDigits = stripped.signum() == 0 ? 0 : (long) stripped.precision() - stripped.scale();
        if (integerDigits > type.getPrecision() - type.getScale()) {
            errors.add(path, show(value) + " has more than " + type.getPrecision() + " digits (precision "
                    + type.getPrecision() + ")");
            return null;
        }
        BigDecimal scaled = stripped.setScale(type.getScale(), RoundingMode.UNNECESSARY);
        if (schema.getType() == Schema.Type.FIXED) {
            try {
                return DECIMAL.toFixed(scaled, schema, type);
            } catch (RuntimeException e) {
                errors.add(path, show(value) + " does not fit fixed " + schema.getName() + " of "
                        + schema.getFixedSize() + " bytes");
                return null;
            }
        }
        return DECIMAL.toBytes(scaled, schema, type);
    }

    private static BigDecimal decimalValue(JsonNode node, String path, ConversionErrors errors, String type) {
        if (node.isNumber()) return node.decimalValue();
        if (node.isTextual() && node.textValue().length() > MAX_DECIMAL_TEXT) {
            errors.add(path, "expected " + type + ", got a numeric string of " + node.textValue().length()
                    + " characters (at most " + MAX_DECIMAL_TEXT + ")");
            return null;
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.textValue().trim());
            } catch (NumberFormatException e) {
                errors.add(path, "expected " + type + " as a number or numeric string, got " + describe(node));
                return null;
            }
        }
        errors.add(path, "expected " + type + " as a number or numeric string, got " + describe(node));
        return null;
    }

    private static Object uuid(ValueWalk walk, JsonNode node, Schema schema, String path, ConversionErrors errors) {
        if (!node.isTextual() || !UUID_TEXT.matcher(node.textValue()).matches()) {
            errors.add(path, "expected a UUID (8-4-4-4-12 hex digits), got " + describe(node));
            return null;
        }
        if (schema.getType() == Schema.Type.STRING) return node.textValue();
        if (schema.getType() == Schema.Type.FIXED && schema.getFixedSize() == 16) {
            UUID uuid = UUID.fromString(node.textValue());
            ByteBuffer buffer = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits());
            return new GenericData.Fixed(schema, buffer.array());
        }
        return walk.convert(node, withoutLogicalType(schema), path, errors);
    }

    private static Schema withoutLogicalType(Schema schema) {
        return switch (schema.getType()) {
            case FIXED -> Schema.createFixed(schema.getName(), schema.getDoc(), schema.getNamespace(), schema.getFixedSize());
            default -> Schema.create(schema.getType());
        };
    }

    /** A decimal for a message: plain digits, unless that would be absurdly long (1E+999999999). */
    private static String show(BigDecimal value) {
        return Math.abs((long) value.scale()) <= 100 ? value.toPlainString() : value.toString();
    }
}
