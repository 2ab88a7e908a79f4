package io.avrogate.producer.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Converts plain JSON, as applications write it, into Avro generic data for a schema: the form
 * {@code GenericDatumWriter} and the Avro serializer write. Unlike Avro's own JSON decoder it needs no
 * {@code {"type": value}} wrappers on unions and reads logical types from their natural JSON forms.
 *
 * <p>The rules (also in {@code producer/README.md}):
 * <ul>
 *   <li><b>Records</b>: a JSON object. A missing field takes the field's default; a missing field without default is
 *       an error. A field may also be given under one of its aliases. Fields the schema does not have are an error
 *       unless {@link Options#ignoreUnknownFields} is set (nothing is dropped silently). An explicit {@code null} is
 *       a value: it is valid only where the schema allows null.</li>
 *   <li><b>int / long</b>: JSON integers in range (an integral-valued number such as {@code 5.0} is accepted).
 *       <b>float / double</b>: any JSON number, or the strings {@code NaN}, {@code Infinity}, {@code -Infinity}.</li>
 *   <li><b>Unions</b> without wrapper: null goes to the null branch; otherwise the branches are tried in three
 *       passes, in schema order within each pass, and the first that converts without error wins:
 *       (1) the branch of the value's own JSON kind (string to string or to an enum that has the symbol, integer to
 *       int/long, fractional number to float/double, boolean, object to record or map, array), (2) an integer
 *       widened to float/double, (3) every other branch (logical types from strings or numbers, bytes, fixed, an enum
 *       whose default takes an unknown symbol). So {@code "2024-05-01T00:00:00Z"} goes to {@code string} before
 *       {@code timestamp-millis} in {@code ["string", timestamp]}, and {@code 5} to {@code long} before
 *       {@code double} whatever their order.</li>
 *   <li><b>Logical types</b>: timestamps from an ISO-8601 instant with offset or epoch units; local timestamps from
 *       an ISO-8601 local date-time or epoch units; {@code date} from {@code yyyy-mm-dd} or epoch days; times from
 *       {@code hh:mm:ss[.f]} or units after midnight; {@code decimal} from a JSON number or numeric string whose
 *       value has at most the schema's scale and precision (never rounded); {@code uuid} from a canonical
 *       8-4-4-4-12 hex string (on {@code string} or {@code fixed(16)}).</li>
 *   <li><b>Enums</b> by symbol. An unknown symbol takes the enum's default when the schema declares one, and is an
 *       error otherwise.</li>
 *   <li><b>bytes / fixed</b>: a string in the configured {@link BytesEncoding} (base64 by default); fixed sizes are
 *       checked.</li>
 * </ul>
 * Errors are collected, not thrown on the first one: {@link JsonConversionException#errors()} lists every field that
 * does not fit (up to {@value #MAX_ERRORS}), each with its JSON Pointer path.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class JsonToAvro {
    /** Decimal strings longer than this are refused before parsing (JSON numbers are bounded by Jackson). */
    static final int MAX_DECIMAL_TEXT = 1000;

    /** More errors than this in one value are not worth listing. */
    public static final int MAX_ERRORS = 50;

    /**
     * The JSON reader to use for values given to this converter: decimals are read exactly (as BigDecimal), so a
     * {@code decimal} field gets exactly the digits that were sent.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Conversions.DecimalConversion DECIMAL = new Conversions.DecimalConversion();
    private static final Conversions.BigDecimalConversion BIG_DECIMAL = new Conversions.BigDecimalConversion();

    /** Options of a converter; {@link #DEFAULTS} is strict and reads bytes as base64. */
    public record Options(BytesEncoding bytesEncoding, boolean ignoreUnknownFields) {
        public static final Options DEFAULTS = new Options(BytesEncoding.BASE64, false);

        public Options {
            if (bytesEncoding == null) throw new IllegalArgumentException("bytesEncoding is required");
        }
    }

    private final Options options;

    public JsonToAvro() {
        this(Options.DEFAULTS);
    }

    public JsonToAvro(Options options) {
        this.options = options;
    }

    public Options options() {
        return options;
    }

    /**
     * The Avro datum for {@code json}: a {@link GenericRecord} for a record schema, otherwise the generic value
     * (Long, Utf8-compatible String, ByteBuffer, GenericData.EnumSymbol, ...).
     *
     * @throws JsonConversionException naming every field that does not fit and why
     */
    public Object convert(JsonNode json, Schema schema) {
        Errors errors = new Errors();
        Object value = convert(json, schema, "", errors);
        if (!errors.list.isEmpty()) throw new JsonConversionException(errors.list);
        return value;
    }

    /** Parses {@code json} with {@link #MAPPER} and converts it; malformed JSON is a conversion error at the root. */
    public Object convert(String json, Schema schema) {
        return convert(parse(json), schema);
    }

    /** A record for a record schema. */
    public GenericRecord toRecord(JsonNode json, Schema recordSchema) {
        if (recordSchema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("not a record schema: " + recordSchema.getFullName());
        }
        return (GenericRecord) convert(json, recordSchema);
    }

    /** Parses one JSON value exactly (BigDecimal for fractions); malformed text is a conversion error at the root. */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new JsonConversionException(List.of(new ConversionError("/", "malformed JSON: " + e.getOriginalMessage())));
        }
    }

    // ---- the walk ---------------------------------------------------------------------------------------------

    /** Collects errors up to a cap; a value converted with errors is meaningless and is never used. */
    private static final class Errors {
        final List<ConversionError> list = new ArrayList<>();

        void add(String path, String reason) {
            if (list.size() < MAX_ERRORS) list.add(new ConversionError(path.isEmpty() ? "/" : path, reason));
        }

        void addAll(Errors other) {
            for (ConversionError e : other.list) {
                if (list.size() < MAX_ERRORS) list.add(e);
            }
        }

        boolean full() {
            return list.size() >= MAX_ERRORS;
        }
    }

    private Object convert(JsonNode node, Schema schema, String path, Errors errors) {
        LogicalType logical = schema.getLogicalType();
        if (logical != null && schema.getType() != Schema.Type.UNION) {
            return convertLogical(node, schema, logical, path, errors);
        }
        switch (schema.getType()) {
            case UNION:
                return convertUnion(node, schema, path, errors);
            case NULL:
                if (!node.isNull()) errors.add(path, "expected null, got " + describe(node));
                return null;
            case BOOLEAN:
                if (!node.isBoolean()) {
                    errors.add(path, "expected boolean, got " + describe(node));
                    return null;
                }
                return node.booleanValue();
            case INT:
                return integer(node, path, errors, true);
            case LONG:
                return integer(node, path, errors, false);
            case FLOAT:
            case DOUBLE:
                return floating(node, schema.getType() == Schema.Type.FLOAT, path, errors);
            case STRING:
                if (!node.isTextual()) {
                    errors.add(path, "expected string, got " + describe(node));
                    return null;
                }
                return node.textValue();
            case BYTES: {
                byte[] bytes = bytes(node, "bytes", path, errors);
                return bytes == null ? null : ByteBuffer.wrap(bytes);
            }
            case FIXED: {
                byte[] bytes = bytes(node, "fixed " + schema.getName(), path, errors);
                if (bytes == null) return null;
                if (bytes.length != schema.getFixedSize()) {
                    errors.add(path, "expected " + schema.getFixedSize() + " bytes for fixed " + schema.getName()
                            + ", got " + bytes.length);
                    return null;
                }
                return new GenericData.Fixed(schema, bytes);
            }
            case ENUM:
                return enumSymbol(node, schema, path, errors);
            case ARRAY:
                return array(node, schema, path, errors);
            case MAP:
                return map(node, schema, path, errors);
            case RECORD:
                return record(node, schema, path, errors);
            default:
                throw new IllegalStateException("unknown Avro type " + schema.getType());
        }
    }

    private GenericRecord record(JsonNode node, Schema schema, String path, Errors errors) {
        if (!node.isObject()) {
            errors.add(path, "expected record " + schema.getName() + " (a JSON object), got " + describe(node));
            return null;
        }
        GenericData.Record record = new GenericData.Record(schema);
        Set<String> used = new HashSet<>();
        for (Schema.Field field : schema.getFields()) {
            String given = field.name();
            JsonNode value = node.get(given);
            if (value == null) {
                for (String alias : field.aliases()) {
                    if (node.has(alias)) {
                        given = alias;
                        value = node.get(alias);
                        break;
                    }
                }
            }
            String fieldPath = path + "/" + escape(field.name());
            if (value == null) {
                if (field.hasDefaultValue()) {
                    record.put(field.pos(), GenericData.get().getDefaultValue(field));
                } else {
                    errors.add(fieldPath, "missing required field (" + describe(field.schema()) + ", no default)");
                }
            } else {
                used.add(given);
                record.put(field.pos(), convert(value, field.schema(), path + "/" + escape(given), errors));
            }
            if (errors.full()) return record;
        }
        if (!options.ignoreUnknownFields() && used.size() < node.size()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!used.contains(name)) {
                    errors.add(path + "/" + escape(name), "unknown field: record " + schema.getName() + " has no such field");
                }
            }
        }
        return record;
    }

    private Map<String, Object> map(JsonNode node, Schema schema, String path, Errors errors) {
        if (!node.isObject()) {
            errors.add(path, "expected map (a JSON object), got " + describe(node));
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext() && !errors.full(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            map.put(entry.getKey(), convert(entry.getValue(), schema.getValueType(), path + "/" + escape(entry.getKey()), errors));
        }
        return map;
    }

    private GenericData.Array<Object> array(JsonNode node, Schema schema, String path, Errors errors) {
        if (!node.isArray()) {
            errors.add(path, "expected array, got " + describe(node));
            return null;
        }
        GenericData.Array<Object> array = new GenericData.Array<>(node.size(), schema);
        for (int i = 0; i < node.size() && !errors.full(); i++) {
            array.add(convert(node.get(i), schema.getElementType(), path + "/" + i, errors));
        }
        return array;
    }

    private Object enumSymbol(JsonNode node, Schema schema, String path, Errors errors) {
        if (!node.isTextual()) {
            errors.add(path, "expected one of " + schema.getEnumSymbols() + ", got " + describe(node));
            return null;
        }
        String symbol = node.textValue();
        if (schema.hasEnumSymbol(symbol)) return new GenericData.EnumSymbol(schema, symbol);
        if (schema.getEnumDefault() != null) return new GenericData.EnumSymbol(schema, schema.getEnumDefault());
        errors.add(path, "expected one of " + schema.getEnumSymbols() + ", got " + describe(node));
        return null;
    }

    private Object integer(JsonNode node, String path, Errors errors, boolean isInt) {
        String type = isInt ? "int" : "long";
        if (!node.isNumber()) {
            errors.add(path, "expected " + type + ", got " + describe(node));
            return null;
        }
        try {
            BigDecimal exact = node.decimalValue();
            return isInt ? (Object) exact.intValueExact() : (Object) exact.longValueExact();
        } catch (ArithmeticException e) {
            boolean integral = node.isIntegralNumber() || node.decimalValue().stripTrailingZeros().scale() <= 0;
            errors.add(path, integral ? node.asText() + " is out of range for " + type
                    : "expected " + type + ", got fractional number " + node.asText());
            return null;
        }
    }

    private Object floating(JsonNode node, boolean isFloat, String path, Errors errors) {
        String type = isFloat ? "float" : "double";
        if (node.isTextual()) {
            switch (node.textValue()) {
                case "NaN": return isFloat ? (Object) Float.NaN : (Object) Double.NaN;
                case "Infinity": return isFloat ? (Object) Float.POSITIVE_INFINITY : (Object) Double.POSITIVE_INFINITY;
                case "-Infinity": return isFloat ? (Object) Float.NEGATIVE_INFINITY : (Object) Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        if (!node.isNumber()) {
            errors.add(path, "expected " + type + ", got " + describe(node));
            return null;
        }
        double value = node.doubleValue();
        if (Double.isInfinite(value) || (isFloat && Float.isInfinite((float) value))) {
            errors.add(path, node.asText() + " is out of range for " + type);
            return null;
        }
        return isFloat ? (Object) (float) value : (Object) value;
    }

    private byte[] bytes(JsonNode node, String type, String path, Errors errors) {
        if (!node.isTextual()) {
            errors.add(path, "expected " + type + " as a " + encodingName() + " string, got " + describe(node));
            return null;
        }
        String text = node.textValue();
        if (options.bytesEncoding() == BytesEncoding.ISO_8859_1) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) > 0xFF) {
                    errors.add(path, "expected " + type + " as an ISO-8859-1 string (code points 0-255), got character U+"
                            + String.format("%04X", (int) text.charAt(i)) + " at index " + i);
                    return null;
                }
            }
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
        try {
            boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
            return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
        } catch (IllegalArgumentException e) {
            errors.add(path, "expected " + type + " as a base64 string, got " + describe(node) + " (" + e.getMessage() + ")");
            return null;
        }
    }

    private String encodingName() {
        return options.bytesEncoding() == BytesEncoding.BASE64 ? "base64" : "ISO-8859-1";
    }

    // ---- logical types ----------------------------------------------------------------------------------------

    private Object convertLogical(JsonNode node, Schema schema, LogicalType logical, String path, Errors errors) {
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
                    return uuid(node, schema, path, errors);
                case "date":
                    if (node.isTextual()) return TemporalValues.date(node.textValue());
                    return convertPlain(node, schema, path, errors, "an ISO-8601 date (e.g. 2024-05-01) or days since 1970-01-01");
                case "time-millis":
                case "time-micros": {
                    if (node.isTextual()) {
                        long units = TemporalValues.timeOfDay(node.textValue(), TemporalValues.Unit.of(name));
                        return schema.getType() == Schema.Type.INT ? (Object) (int) units : (Object) units;
                    }
                    Object units = convertPlain(node, schema, path, errors, "an ISO-8601 time of day (e.g. 13:45:00) or "
                            + TemporalValues.Unit.of(name).label + " after midnight");
                    if (units != null) {
                        long perDay = 86_400_000_000_000L / TemporalValues.Unit.of(name).nanosPerUnit;
                        long value = ((Number) units).longValue();
                        if (value < 0 || value >= perDay) {
                            errors.add(path, value + " is not a time of day (0 to " + (perDay - 1) + " "
                                    + TemporalValues.Unit.of(name).label + ")");
                            return null;
                        }
                    }
                    return units;
                }
                case "timestamp-millis":
                case "timestamp-micros":
                case "timestamp-nanos":
                    if (node.isTextual()) return TemporalValues.timestamp(node.textValue(), TemporalValues.Unit.of(name));
                    return convertPlain(node, schema, path, errors, "an ISO-8601 timestamp with zone offset (e.g."
                            + " 2024-05-01T12:00:00Z) or " + TemporalValues.Unit.of(name).label + " since the epoch");
                case "local-timestamp-millis":
                case "local-timestamp-micros":
                case "local-timestamp-nanos":
                    if (node.isTextual()) return TemporalValues.localTimestamp(node.textValue(), TemporalValues.Unit.of(name));
                    return convertPlain(node, schema, path, errors, "an ISO-8601 local date-time (e.g. 2024-05-01T12:00:00)"
                            + " or " + TemporalValues.Unit.of(name).label + " since 1970-01-01T00:00");
                default:
                    // A logical type we have no natural form for (e.g. duration): the underlying type's JSON form.
                    return convert(node, withoutLogicalType(schema), path, errors);
            }
        } catch (TemporalValues.Invalid e) {
            errors.add(path, e.getMessage());
            return null;
        }
    }

    /** The underlying int or long of a logical type, from a JSON number only. */
    private Object convertPlain(JsonNode node, Schema schema, String path, Errors errors, String expected) {
        if (!node.isNumber()) {
            errors.add(path, "expected " + expected + ", got " + describe(node));
            return null;
        }
        return integer(node, path, errors, schema.getType() == Schema.Type.INT);
    }

    private Object decimal(JsonNode node, Schema schema, LogicalTypes.Decimal type, String path, Errors errors) {
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

    private static BigDecimal decimalValue(JsonNode node, String path, Errors errors, String type) {
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

    private Object uuid(JsonNode node, Schema schema, String path, Errors errors) {
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
        return convert(node, withoutLogicalType(schema), path, errors);
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

    // ---- unions -----------------------------------------------------------------------------------------------

    /** The passes of branch selection; see the class comment. */
    private enum Pass { OWN_KIND, WIDENED, CONVERTED }

    private Object convertUnion(JsonNode node, Schema union, String path, Errors errors) {
        List<Schema> branches = union.getTypes();
        if (node.isNull()) {
            for (Schema branch : branches) {
                if (branch.getType() == Schema.Type.NULL) return null;
            }
            errors.add(path, "expected " + describe(union) + ", got null");
            return null;
        }
        Set<Schema> tried = new HashSet<>();
        List<Schema> failedBranches = new ArrayList<>();
        List<Errors> failures = new ArrayList<>();
        for (Pass pass : Pass.values()) {
            for (Schema branch : branches) {
                if (branch.getType() == Schema.Type.NULL || tried.contains(branch) || !admits(pass, branch, node)) continue;
                tried.add(branch);
                Errors trial = new Errors();
                Object value = convert(node, branch, path, trial);
                if (trial.list.isEmpty()) return value;
                failedBranches.add(branch);
                failures.add(trial);
            }
        }
        if (failures.size() == 1) {
            // A nullable type: the one real branch's errors say precisely what is wrong.
            errors.addAll(failures.get(0));
            return null;
        }
        String here = path.isEmpty() ? "/" : path;
        StringBuilder reasons = new StringBuilder();
        for (int i = 0; i < failures.size(); i++) {
            ConversionError first = failures.get(i).list.get(0);
            reasons.append(i == 0 ? "" : "; ").append("as ").append(describe(failedBranches.get(i))).append(": ")
                    .append(first.path().equals(here) ? "" : first.path() + ": ").append(first.reason());
        }
        errors.add(path, "matches no branch of " + describe(union) + ", got " + describe(node)
                + " (" + reasons + ")");
        return null;
    }

    /** Whether {@code pass} tries {@code branch} for {@code node}. */
    private static boolean admits(Pass pass, Schema branch, JsonNode node) {
        boolean plain = branch.getLogicalType() == null;
        return switch (pass) {
            case OWN_KIND -> plain && switch (branch.getType()) {
                case BOOLEAN -> node.isBoolean();
                case INT, LONG -> node.isNumber() && isIntegral(node);
                case FLOAT, DOUBLE -> node.isNumber() && !isIntegral(node);
                case STRING -> node.isTextual();
                case ENUM -> node.isTextual() && branch.hasEnumSymbol(node.textValue());
                case RECORD, MAP -> node.isObject();
                case ARRAY -> node.isArray();
                default -> false;
            };
            case WIDENED -> plain && (branch.getType() == Schema.Type.FLOAT || branch.getType() == Schema.Type.DOUBLE)
                    && node.isNumber();
            case CONVERTED -> true;
        };
    }

    private static boolean isIntegral(JsonNode node) {
        return node.isIntegralNumber() || node.decimalValue().stripTrailingZeros().scale() <= 0;
    }

    // ---- messages ---------------------------------------------------------------------------------------------

    /** A short rendering of a JSON value for an error message. */
    static String describe(JsonNode node) {
        if (node.isObject()) return "an object";
        if (node.isArray()) return "an array";
        if (node.isTextual()) {
            String text = node.textValue();
            if (text.length() > 60) text = text.substring(0, 57) + "...";
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
        }
        return node.toString();
    }

    /** A short name of a schema for messages: named types by name, logical types by logical name. */
    static String describe(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            return schema.getTypes().stream().map(JsonToAvro::describe).collect(Collectors.joining(", ", "[", "]"));
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
