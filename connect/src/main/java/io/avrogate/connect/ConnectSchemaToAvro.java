package io.avrogate.connect;

import static io.avrogate.connect.ConnectAvroNames.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroTypeException;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.util.internal.JacksonUtils;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connect schema → Avro schema, by Confluent's rules: INT8/INT16 are Avro ints tagged {@code connect.type}; optional
 * schemas are unions with null (null first, or second when there is a default); maps with non-string keys are arrays
 * of {@code MapEntry} records; unnamed structs are {@code ConnectDefault}, {@code ConnectDefault2}, ...; Connect
 * name, doc, version, parameters and default travel as {@code connect.*} properties; Decimal/Date/Time/Timestamp
 * become Avro logical types; a named type seen twice is written as a reference. Results are cached by schema.
 */
final class ConnectSchemaToAvro {
    private static final Logger log = LoggerFactory.getLogger(ConnectSchemaToAvro.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final MappingRules rules;
    private final Map<Schema, org.apache.avro.Schema> cache;

    ConnectSchemaToAvro(MappingRules rules, int cacheSize) {
        this.rules = rules;
        this.cache = LruCache.create(cacheSize);
    }

    org.apache.avro.Schema convert(Schema schema) {
        org.apache.avro.Schema cached = cache.get(schema);
        if (cached != null) return cached;
        org.apache.avro.Schema result = convert(schema, new Context(), false);
        cache.put(schema, result);
        return result;
    }

    /** State of one top-level conversion: types already written (reused by reference) and the default-name counter. */
    private static final class Context {
        final Map<Schema, org.apache.avro.Schema> written = new HashMap<>();
        /** Records being built, by the identity of their Connect name, so a recursive reference can point back. */
        final Map<String, org.apache.avro.Schema> building = new IdentityHashMap<>();
        int unnamed;

        String[] nameOrDefault(String name, boolean scrub) {
            if (name != null) return split(name, scrub);
            unnamed++;
            return new String[] {NAMESPACE, DEFAULT_RECORD_NAME + (unnamed > 1 ? unnamed : "")};
        }
    }

    private org.apache.avro.Schema convertOrReference(Schema schema, Context ctx, boolean ignoreOptional) {
        org.apache.avro.Schema building = ctx.building.get(schema.name());
        if (building == null) return convert(schema, ctx, ignoreOptional);
        return ignoreOptional ? building : optionalIfNeeded(schema, building);
    }

    private org.apache.avro.Schema convert(Schema schema, Context ctx, boolean ignoreOptional) {
        boolean union = MappingRules.isUnion(schema);
        if (!union && !schema.isOptional()) {
            org.apache.avro.Schema done = ctx.written.get(schema);
            if (done != null) return done;
        }
        String connectType = null;
        org.apache.avro.Schema base;
        switch (schema.type()) {
            case INT8 -> { connectType = "int8"; base = primitive(org.apache.avro.Schema.Type.INT); }
            case INT16 -> { connectType = "int16"; base = primitive(org.apache.avro.Schema.Type.INT); }
            case INT32 -> base = primitive(org.apache.avro.Schema.Type.INT);
            case INT64 -> base = primitive(org.apache.avro.Schema.Type.LONG);
            case FLOAT32 -> base = primitive(org.apache.avro.Schema.Type.FLOAT);
            case FLOAT64 -> base = primitive(org.apache.avro.Schema.Type.DOUBLE);
            case BOOLEAN -> base = primitive(org.apache.avro.Schema.Type.BOOLEAN);
            case STRING -> base = writesEnum(schema) ? enumSchema(schema, ctx) : primitive(org.apache.avro.Schema.Type.STRING);
            case BYTES -> base = bytesSchema(schema, ctx);
            case ARRAY -> base = org.apache.avro.Schema.createArray(convertOrReference(schema.valueSchema(), ctx, false));
            case MAP -> base = mapSchema(schema, ctx);
            case STRUCT -> {
                if (union) base = unionSchema(schema, ctx);
                else if (schema.isOptional()) {
                    base = org.apache.avro.Schema.createUnion(primitive(org.apache.avro.Schema.Type.NULL),
                            convertOrReference(ConnectSchemas.required(schema), ctx, false));
                } else base = recordSchema(schema, ctx);
            }
            default -> throw new DataException("Unknown schema type: " + schema.type());
        }
        org.apache.avro.Schema result = base;
        if (base.getType() != org.apache.avro.Schema.Type.UNION) {
            if (rules.connectMetaData()) addConnectMetadata(schema, base, connectType);
            addLogicalType(schema, base);
            if (schema.parameters() != null) {
                schema.parameters().forEach((key, value) -> {
                    if (key.startsWith(AVRO_PROP_PREFIX)) base.addProp(key, value);
                });
            }
            if (!ignoreOptional) result = optionalIfNeeded(schema, base);
        }
        if (!schema.isOptional()) ctx.written.put(schema, result);
        return result;
    }

    private static org.apache.avro.Schema primitive(org.apache.avro.Schema.Type type) {
        return org.apache.avro.Schema.create(type);
    }

    private boolean writesEnum(Schema schema) {
        return (rules.generalizedSumTypes() || rules.enhanced()) && MappingRules.isEnum(schema);
    }

    private org.apache.avro.Schema enumSchema(Schema schema, Context ctx) {
        String parameter = rules.enumParameter();
        Map<String, String> params = schema.parameters();
        List<String> symbols = new ArrayList<>();
        params.keySet().forEach(key -> {
            if (key.startsWith(parameter + ".")) symbols.add(key.substring(parameter.length() + 1));
        });
        String simpleName = ctx.nameOrDefault(schema.name(), rules.scrubNames())[1];
        String[] enumName = split(params.get(parameter), false);
        String doc = rules.discardTypeDocDefault() ? params.get(CONNECT_ENUM_DOC) : params.get(ENUM_DOC_PREFIX + simpleName);
        String defaultSymbol = rules.discardTypeDocDefault() ? null : params.get(ENUM_DEFAULT_PREFIX + simpleName);
        return org.apache.avro.Schema.createEnum(enumName[1], doc, enumName[0], symbols, defaultSymbol);
    }

    private org.apache.avro.Schema bytesSchema(Schema schema, Context ctx) {
        org.apache.avro.Schema base;
        if (MappingRules.isFixed(schema)) {
            String[] names = ctx.nameOrDefault(schema.name(), rules.scrubNames());
            base = org.apache.avro.Schema.createFixed(names[1], null, names[0], MappingRules.fixedSize(schema));
        } else {
            base = primitive(org.apache.avro.Schema.Type.BYTES);
        }
        if (Decimal.LOGICAL_NAME.equalsIgnoreCase(schema.name())) {
            base.addProp("scale", JSON.numberNode(Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD))));
            base.addProp("precision", JSON.numberNode(decimalPrecision(schema)));
        }
        return base;
    }

    private static int decimalPrecision(Schema schema) {
        String precision = schema.parameters() == null ? null : schema.parameters().get(CONNECT_DECIMAL_PRECISION);
        return precision == null ? DEFAULT_DECIMAL_PRECISION : Integer.parseInt(precision);
    }

    private boolean stringKeyed(Schema map) {
        return map.keySchema().type() == Schema.Type.STRING
                && (!map.keySchema().isOptional() || rules.allowOptionalMapKeys());
    }

    private org.apache.avro.Schema mapSchema(Schema schema, Context ctx) {
        if (stringKeyed(schema)) {
            return org.apache.avro.Schema.createMap(convertOrReference(schema.valueSchema(), ctx, false));
        }
        // Avro maps have string keys only: anything else is an array of key/value records.
        org.apache.avro.Schema entry;
        if (schema.name() == null) {
            entry = org.apache.avro.Schema.createRecord(MAP_ENTRY, null, NAMESPACE, false);
        } else {
            String[] names = ctx.nameOrDefault(schema.name(), rules.scrubNames());
            entry = org.apache.avro.Schema.createRecord(names[1], null, names[0], false);
            entry.addProp(CONNECT_INTERNAL_TYPE, MAP_ENTRY);
        }
        List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
        fields.add(field(KEY, schema.keySchema(), null, ctx));
        fields.add(field(VALUE, schema.valueSchema(), null, ctx));
        entry.setFields(fields);
        return org.apache.avro.Schema.createArray(entry);
    }

    private org.apache.avro.Schema unionSchema(Schema schema, Context ctx) {
        List<org.apache.avro.Schema> branches = new ArrayList<>();
        if (schema.isOptional()) branches.add(primitive(org.apache.avro.Schema.Type.NULL));
        for (Field member : schema.fields()) {
            branches.add(convertOrReference(ConnectSchemas.required(member.schema()), ctx, true));
        }
        return org.apache.avro.Schema.createUnion(branches);
    }

    private org.apache.avro.Schema recordSchema(Schema schema, Context ctx) {
        String[] names = ctx.nameOrDefault(schema.name(), rules.scrubNames());
        Map<String, String> params = schema.parameters();
        String doc = params == null ? null : params.get(rules.discardTypeDocDefault() ? CONNECT_RECORD_DOC : RECORD_DOC);
        org.apache.avro.Schema record = org.apache.avro.Schema.createRecord(names[1], doc, names[0], false);
        if (schema.name() != null) ctx.building.put(schema.name(), record);
        List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
        for (Field field : schema.fields()) {
            String fieldDoc = !rules.discardTypeDocDefault() && params != null ? params.get(FIELD_DOC_PREFIX + field.name()) : null;
            fields.add(field(scrub(field.name(), rules.scrubNames()), field.schema(), fieldDoc, ctx));
        }
        record.setFields(fields);
        return record;
    }

    private org.apache.avro.Schema.Field field(String name, Schema schema, String doc, Context ctx) {
        Object defaultValue = null;
        if (schema.defaultValue() != null) defaultValue = JacksonUtils.toObject(defaultToJson(schema, schema.defaultValue()));
        else if (schema.isOptional()) defaultValue = JsonProperties.NULL_VALUE;
        org.apache.avro.Schema type = convertOrReference(schema, ctx, false);
        String fieldDoc = rules.discardTypeDocDefault() ? schema.doc() : doc;
        try {
            return new org.apache.avro.Schema.Field(name, type, fieldDoc, defaultValue);
        } catch (AvroTypeException e) {
            // Confluent keeps the field and drops a default Avro cannot express (e.g. a non-string-keyed map).
            log.warn("Ignoring invalid default for field {}: {}", name, e.getMessage());
            return new org.apache.avro.Schema.Field(name, type, fieldDoc);
        }
    }

    private void addConnectMetadata(Schema schema, org.apache.avro.Schema base, String connectType) {
        if (schema.doc() != null) base.addProp(CONNECT_DOC, schema.doc());
        if (schema.version() != null) base.addProp(CONNECT_VERSION, JSON.numberNode(schema.version()));
        Map<String, String> params = schema.parameters();
        if (params != null) {
            ObjectNode json = JSON.objectNode();
            params.forEach((key, value) -> {
                if (rules.discardTypeDocDefault() || !key.equals(FIELD_DEFAULT_FLAG)) json.put(key, value);
            });
            if (!json.isEmpty()) base.addProp(CONNECT_PARAMETERS, json);
        }
        // A default that came from an Avro field default is written back there, not as connect.default.
        if (schema.defaultValue() != null
                && (rules.discardTypeDocDefault() || params == null || !params.containsKey(FIELD_DEFAULT_FLAG))) {
            base.addProp(CONNECT_DEFAULT, defaultToJson(schema, schema.defaultValue()));
        }
        if (schema.name() != null) base.addProp(CONNECT_NAME, schema.name());
        if (connectType != null) base.addProp(CONNECT_TYPE, connectType);
    }

    private static void addLogicalType(Schema schema, org.apache.avro.Schema base) {
        String name = schema.name();
        if (name == null) return;
        if (Decimal.LOGICAL_NAME.equalsIgnoreCase(name)) {
            int precision = decimalPrecision(schema);
            String scaleText = schema.parameters().get(Decimal.SCALE_FIELD);
            int scale = scaleText == null ? 0 : Integer.parseInt(scaleText);
            if (scale >= 0 && scale <= precision) {
                LogicalTypes.decimal(precision, scale).addToSchema(base);
            } else {
                // Not a valid Avro decimal: keep the annotation as a plain property, as Confluent's legacy form does.
                base.addProp("logicalType", "decimal");
            }
        } else if (Time.LOGICAL_NAME.equalsIgnoreCase(name)) {
            LogicalTypes.timeMillis().addToSchema(base);
        } else if (Timestamp.LOGICAL_NAME.equalsIgnoreCase(name)) {
            LogicalTypes.timestampMillis().addToSchema(base);
        } else if (Date.LOGICAL_NAME.equalsIgnoreCase(name)) {
            LogicalTypes.date().addToSchema(base);
        }
    }

    private static org.apache.avro.Schema optionalIfNeeded(Schema schema, org.apache.avro.Schema base) {
        if (!schema.isOptional()) return base;
        // The default, if any, must match the first branch.
        return schema.defaultValue() != null
                ? org.apache.avro.Schema.createUnion(base, primitive(org.apache.avro.Schema.Type.NULL))
                : org.apache.avro.Schema.createUnion(primitive(org.apache.avro.Schema.Type.NULL), base);
    }

    /** A Connect default value as the JSON of an Avro default (bytes as ISO-8859-1 text, maps as objects or pairs). */
    @SuppressWarnings("unchecked")
    JsonNode defaultToJson(Schema schema, Object value) {
        try {
            if (value == null) return NullNode.getInstance();
            Object primitive = LogicalValues.toPrimitive(schema, value);
            return switch (schema.type()) {
                case INT8 -> JSON.numberNode(((Byte) primitive).intValue());
                case INT16 -> JSON.numberNode(((Short) primitive).intValue());
                case INT32 -> JSON.numberNode((Integer) primitive);
                case INT64 -> JSON.numberNode((Long) primitive);
                case FLOAT32 -> JSON.numberNode((Float) primitive);
                case FLOAT64 -> JSON.numberNode((Double) primitive);
                case BOOLEAN -> JSON.booleanNode((Boolean) primitive);
                case STRING -> JSON.textNode((String) primitive);
                case BYTES -> JSON.textNode(new String(primitive instanceof byte[] bytes ? bytes
                        : ((ByteBuffer) primitive).array(), StandardCharsets.ISO_8859_1));
                case ARRAY -> {
                    ArrayNode array = JSON.arrayNode();
                    for (Object element : (Collection<Object>) primitive) array.add(defaultToJson(schema.valueSchema(), element));
                    yield array;
                }
                case MAP -> mapDefaultToJson(schema, (Map<Object, Object>) primitive);
                case STRUCT -> structDefaultToJson(schema, (Struct) primitive);
            };
        } catch (ClassCastException e) {
            throw new DataException("Invalid type used for default value of " + schema.type() + " field: "
                    + schema.defaultValue().getClass());
        }
    }

    private JsonNode mapDefaultToJson(Schema schema, Map<Object, Object> map) {
        if (stringKeyed(schema)) {
            ObjectNode node = JSON.objectNode();
            map.forEach((key, value) -> node.set((String) key, defaultToJson(schema.valueSchema(), value)));
            return node;
        }
        ArrayNode array = JSON.arrayNode();
        map.forEach((key, value) -> array.add(JSON.arrayNode()
                .add(defaultToJson(schema.keySchema(), key)).add(defaultToJson(schema.valueSchema(), value))));
        return array;
    }

    private JsonNode structDefaultToJson(Schema schema, Struct struct) {
        ObjectNode node = JSON.objectNode();
        for (Field field : schema.fields()) {
            JsonNode value = defaultToJson(field.schema(), struct.get(field));
            if (MappingRules.isUnion(schema)) return value; // a union's default is its first branch's
            node.set(scrub(field.name(), rules.scrubNames()), value);
        }
        return node;
    }
}
