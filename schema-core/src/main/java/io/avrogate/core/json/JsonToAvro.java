package io.avrogate.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Converts plain JSON, as applications write it, into Avro generic data for a schema: the form
 * {@code GenericDatumWriter} and the Avro serializer write. Unlike Avro's own JSON decoder it needs no
 * {@code {"type": value}} wrappers on unions and reads logical types from their natural JSON forms.
 *
 * <p>The rules (also in {@code schema-core/README.md}):
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
 * With {@link Options#unionTags} a union value may also be tagged as Avro's JSON encoding writes it,
 * {@code {"string": "x"}} or {@code {"com.acme.Geo": {...}}}: an object of one member named after a branch (full
 * name, name or type name) goes to that branch, before any of the passes.
 *
 * <p>Errors are collected, not thrown on the first one: {@link JsonConversionException#errors()} lists every field that
 * does not fit (up to {@value #MAX_ERRORS}), each with its JSON Pointer path.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class JsonToAvro {
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

    /**
     * Options of a converter; {@link #DEFAULTS} is strict, reads bytes as base64 and takes union values bare, as
     * applications write JSON (the ingest service's and {@code avrogate produce}'s defaults).
     *
     * @param unionTags also accept a union value tagged with its branch, as Avro's JSON encoding writes it
     */
    public record Options(BytesEncoding bytesEncoding, boolean ignoreUnknownFields, boolean unionTags) {
        public static final Options DEFAULTS = new Options(BytesEncoding.BASE64, false, false);

        /**
         * Plain JSON plus what Avro's own JSON encoder writes: tagged unions and ISO-8859-1 bytes. The form of
         * hand-written migration samples, which may be either; bare union values follow the same rules as
         * {@link #DEFAULTS}.
         */
        public static final Options AVRO_JSON_ENCODING = new Options(BytesEncoding.ISO_8859_1, false, true);

        public Options {
            if (bytesEncoding == null) throw new IllegalArgumentException("bytesEncoding is required");
        }

        /** Bare union values only. */
        public Options(BytesEncoding bytesEncoding, boolean ignoreUnknownFields) {
            this(bytesEncoding, ignoreUnknownFields, false);
        }
    }

    private final ValueWalk walk;

    public JsonToAvro() {
        this(Options.DEFAULTS);
    }

    public JsonToAvro(Options options) {
        this.walk = new ValueWalk(options);
    }

    public Options options() {
        return walk.options();
    }

    /**
     * The Avro datum for {@code json}: a {@link GenericRecord} for a record schema, otherwise the generic value
     * (Long, Utf8-compatible String, ByteBuffer, GenericData.EnumSymbol, ...).
     *
     * @throws JsonConversionException naming every field that does not fit and why
     */
    public Object convert(JsonNode json, Schema schema) {
        ConversionErrors errors = new ConversionErrors();
        Object value = walk.convert(json, schema, "", errors);
        if (!errors.isEmpty()) throw new JsonConversionException(errors.list);
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
}
