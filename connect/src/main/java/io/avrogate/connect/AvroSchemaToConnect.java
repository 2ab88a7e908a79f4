package io.avrogate.connect;

import static io.avrogate.connect.ConnectAvroNames.*;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.util.internal.JacksonUtils;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Avro schema → Connect schema, by Confluent's rules: {@code connect.*} properties give back the Connect name, doc,
 * version, parameters, default and INT8/INT16; Avro logical types date, time-millis, timestamp-millis and decimal
 * become Connect's; enums become strings with {@code ...Enum.*} parameters; {@code [null, T]} is an optional T; other
 * unions are {@code io.confluent.connect.avro.Union} structs with one optional field per branch; arrays of
 * {@code MapEntry} records are maps; field defaults and docs become defaults and parameters. At the top level the
 * registry version stands in for a missing {@code connect.version}. Top-level results are cached.
 */
final class AvroSchemaToConnect {
    private static final Logger log = LoggerFactory.getLogger(AvroSchemaToConnect.class);

    private final MappingRules rules;
    private final AvroValueToConnect values;
    private final Map<List<Object>, Schema> cache;
    /** Confluent numbers generalized unions per converter, not per schema (connect_union_0, _1, ...). */
    private int unionCounter;

    AvroSchemaToConnect(MappingRules rules, int cacheSize) {
        this.rules = rules;
        this.values = new AvroValueToConnect(rules, this);
        this.cache = LruCache.create(cacheSize);
    }

    AvroValueToConnect values() {
        return values;
    }

    /** Records being converted (to resolve recursive references) and those found to be recursive. */
    static final class Context {
        final Map<org.apache.avro.Schema, RecursiveSchema> building = new IdentityHashMap<>();
        final Set<org.apache.avro.Schema> recursive = new HashSet<>();
    }

    Schema convert(org.apache.avro.Schema avro, Integer registryVersion, Context ctx) {
        List<Object> key = java.util.Arrays.asList(avro, registryVersion);
        Schema cached = cache.get(key);
        if (cached != null) {
            if (avro.getType() == org.apache.avro.Schema.Type.RECORD) ctx.building.put(avro, new RecursiveSchema(cached, cached.isOptional()));
            return cached;
        }
        Schema result = convert(avro, false, null, null, registryVersion, ctx);
        cache.put(key, result);
        return result;
    }

    Schema convertOrReference(org.apache.avro.Schema avro, boolean forceOptional, Context ctx) {
        return convertOrReference(avro, forceOptional, null, ctx);
    }

    private Schema convertOrReference(org.apache.avro.Schema avro, boolean forceOptional, String doc, Context ctx) {
        RecursiveSchema building = ctx.building.get(avro);
        if (building == null) return convert(avro, forceOptional, null, doc, null, ctx);
        ctx.recursive.add(avro);
        return new RecursiveSchema(building.schema(), forceOptional);
    }

    /**
     * @param fieldDefault the default of the record field this schema is the type of (overrides connect.default)
     * @param fieldDoc     the doc of that field
     * @param version      the registry version, at the top level only
     */
    private Schema convert(org.apache.avro.Schema avro, boolean forceOptional, Object fieldDefault, String fieldDoc,
                           Integer version, Context ctx) {
        SchemaBuilder builder;
        switch (avro.getType()) {
            case BOOLEAN -> builder = SchemaBuilder.bool();
            case BYTES, FIXED -> builder = bytes(avro);
            case DOUBLE -> builder = SchemaBuilder.float64();
            case FLOAT -> builder = SchemaBuilder.float32();
            case INT -> builder = integer(avro);
            case LONG -> builder = "timestamp-millis".equalsIgnoreCase(avro.getProp("logicalType"))
                    ? Timestamp.builder() : SchemaBuilder.int64();
            case STRING -> builder = SchemaBuilder.string();
            case ARRAY -> builder = array(avro, ctx);
            case MAP -> builder = SchemaBuilder.map(Schema.STRING_SCHEMA, convertOrReference(avro.getValueType(), false, ctx));
            case RECORD -> builder = record(avro, ctx);
            case ENUM -> builder = enumeration(avro);
            case UNION -> {
                List<org.apache.avro.Schema> branches = avro.getTypes();
                if (branches.size() == 1 && rules.flattenSingletonUnions()) {
                    return convertOrReference(branches.get(0), false, fieldDoc, ctx);
                }
                if (branches.size() == 2 && branches.stream().anyMatch(b -> b.getType() == org.apache.avro.Schema.Type.NULL)) {
                    org.apache.avro.Schema other = branches.stream()
                            .filter(b -> b.getType() != org.apache.avro.Schema.Type.NULL).findFirst().orElseThrow();
                    return convertOrReference(other, true, fieldDoc, ctx);
                }
                builder = union(avro, ctx);
            }
            case NULL -> throw new DataException("Standalone null schemas are not supported by this converter");
            default -> throw new DataException("Couldn't translate unsupported schema type " + avro.getType().getName() + ".");
        }
        doc(avro, fieldDoc, builder);
        version(avro, version, builder);
        parameters(avro, builder);
        defaultValue(avro, fieldDefault, builder, ctx);
        name(avro, builder);
        if (forceOptional) builder.optional();
        if (!ctx.recursive.contains(avro)) ctx.building.remove(avro);
        return builder.build();
    }

    private static SchemaBuilder bytes(org.apache.avro.Schema avro) {
        SchemaBuilder builder;
        if ("decimal".equalsIgnoreCase(avro.getProp("logicalType"))) {
            Object scale = avro.getObjectProp("scale");
            builder = Decimal.builder(scale instanceof Number number ? number.intValue() : 0);
            Object precision = avro.getObjectProp("precision");
            if (precision != null) {
                if (!(precision instanceof Number number)) {
                    throw new DataException("precision property must be a JSON Integer."
                            + " https://avro.apache.org/docs/1.9.1/spec.html#Decimal");
                }
                // Only a precision other than Confluent's default (64) is kept.
                if (number.intValue() != DEFAULT_DECIMAL_PRECISION) {
                    builder.parameter(CONNECT_DECIMAL_PRECISION, String.valueOf(number.intValue()));
                }
            }
        } else {
            builder = SchemaBuilder.bytes();
        }
        if (avro.getType() == org.apache.avro.Schema.Type.FIXED) {
            builder.parameter(CONNECT_FIXED_SIZE, String.valueOf(avro.getFixedSize()));
        }
        return builder;
    }

    private static SchemaBuilder integer(org.apache.avro.Schema avro) {
        String connectType = avro.getProp(CONNECT_TYPE);
        String logicalType = avro.getProp("logicalType");
        if (logicalType != null) {
            if ("date".equalsIgnoreCase(logicalType)) return Date.builder();
            if ("time-millis".equalsIgnoreCase(logicalType)) return Time.builder();
            return SchemaBuilder.int32();
        }
        if (connectType == null) return SchemaBuilder.int32();
        return switch (connectType) {
            case "int8" -> SchemaBuilder.int8();
            case "int16" -> SchemaBuilder.int16();
            default -> throw new DataException("Connect type annotation for Avro int field is null");
        };
    }

    private SchemaBuilder array(org.apache.avro.Schema avro, Context ctx) {
        org.apache.avro.Schema element = avro.getElementType();
        if (!isMapEntry(element)) return SchemaBuilder.array(convertOrReference(element, false, ctx));
        if (element.getFields().size() != 2 || element.getField(KEY) == null || element.getField(VALUE) == null) {
            throw new DataException("Found map encoded as array of key-value pairs, but array elements do not match"
                    + " the expected format.");
        }
        return SchemaBuilder.map(convert(element.getField(KEY).schema(), null, new Context()),
                convert(element.getField(VALUE).schema(), null, new Context()));
    }

    private static boolean isMapEntry(org.apache.avro.Schema schema) {
        return schema.getType() == org.apache.avro.Schema.Type.RECORD
                && ((NAMESPACE.equals(schema.getNamespace()) && MAP_ENTRY.equals(schema.getName()))
                        || MAP_ENTRY.equals(schema.getProp(CONNECT_INTERNAL_TYPE)));
    }

    private SchemaBuilder record(org.apache.avro.Schema avro, Context ctx) {
        SchemaBuilder builder = SchemaBuilder.struct();
        ctx.building.put(avro, new RecursiveSchema(builder, false));
        boolean keepDocs = !rules.discardTypeDocDefault() && rules.connectMetaData();
        if (keepDocs && avro.getDoc() != null) builder.parameter(RECORD_DOC, avro.getDoc());
        for (org.apache.avro.Schema.Field field : avro.getFields()) {
            if (keepDocs && field.doc() != null) builder.parameter(FIELD_DOC_PREFIX + field.name(), field.doc());
            Object fieldDefault = null;
            try {
                fieldDefault = field.defaultVal();
            } catch (RuntimeException e) {
                log.warn("Ignoring invalid default for field {}: {}", field.name(), e.getMessage());
            }
            builder.field(field.name(), convert(field.schema(), false, fieldDefault, field.doc(), null, ctx));
        }
        return builder;
    }

    private SchemaBuilder enumeration(org.apache.avro.Schema avro) {
        SchemaBuilder builder = SchemaBuilder.string();
        if (rules.connectMetaData()) {
            if (avro.getDoc() != null) {
                builder.parameter(rules.discardTypeDocDefault() ? CONNECT_ENUM_DOC : ENUM_DOC_PREFIX + avro.getName(), avro.getDoc());
            }
            if (!rules.discardTypeDocDefault() && avro.getEnumDefault() != null) {
                builder.parameter(ENUM_DEFAULT_PREFIX + avro.getName(), avro.getEnumDefault());
            }
        }
        String parameter = rules.enumParameter();
        builder.parameter(parameter, avro.getFullName());
        List<String> symbols = avro.getEnumSymbols();
        for (int i = 0; i < symbols.size(); i++) {
            builder.parameter(parameter + "." + symbols.get(i), rules.generalizedSumTypes() ? String.valueOf(i) : symbols.get(i));
        }
        return builder;
    }

    private SchemaBuilder union(org.apache.avro.Schema avro, Context ctx) {
        String name;
        synchronized (this) {
            name = rules.generalizedSumTypes() ? GENERALIZED_UNION_PREFIX + (unionCounter++) : AVRO_UNION;
        }
        SchemaBuilder builder = SchemaBuilder.struct().name(name);
        if (rules.generalizedSumTypes()) builder.parameter(GENERALIZED_UNION, name);
        Set<String> names = new HashSet<>();
        List<org.apache.avro.Schema> branches = avro.getTypes();
        for (int i = 0; i < branches.size(); i++) {
            org.apache.avro.Schema branch = branches.get(i);
            if (branch.getType() == org.apache.avro.Schema.Type.NULL) {
                builder.optional();
                continue;
            }
            String fieldName = rules.branchName(branch, i);
            if (!names.add(fieldName)) throw new DataException("Multiple union schemas map to the Connect union field name");
            builder.field(fieldName, convertOrReference(branch, true, ctx));
        }
        return builder;
    }

    private void doc(org.apache.avro.Schema avro, String fieldDoc, SchemaBuilder builder) {
        if (rules.discardTypeDocDefault()) {
            String doc = fieldDoc != null ? fieldDoc : avro.getDoc() != null ? avro.getDoc() : avro.getProp(CONNECT_DOC);
            if (doc != null) builder.doc(doc);
            if (rules.connectMetaData() && avro.getDoc() != null) builder.parameter(CONNECT_RECORD_DOC, avro.getDoc());
        } else {
            String doc = avro.getProp(CONNECT_DOC);
            if (rules.connectMetaData() && doc != null) builder.doc(doc);
        }
    }

    /** connect.version wins; else, at the top level, the registry version of the writer schema. */
    private static void version(org.apache.avro.Schema avro, Integer registryVersion, SchemaBuilder builder) {
        Object connectVersion = avro.getObjectProp(CONNECT_VERSION);
        if (connectVersion != null) {
            if (!(connectVersion instanceof Number number)) throw new DataException("Invalid Connect version found: " + connectVersion);
            int version = number.intValue();
            if (builder.version() != null && version != builder.version()) {
                throw new DataException("Mismatched versions: version already added to SchemaBuilder (" + builder.version()
                        + ") differs from version in source schema (" + version + ")");
            }
            if (builder.version() == null) builder.version(version); // SchemaBuilder refuses to set it twice
        } else if (registryVersion != null && registryVersion >= 0 && builder.version() == null) {
            // A logical type's own version (1) is kept rather than failing on a later registry version.
            builder.version(registryVersion);
        }
    }

    @SuppressWarnings("unchecked")
    private void parameters(org.apache.avro.Schema avro, SchemaBuilder builder) {
        Object parameters = avro.getObjectProp(CONNECT_PARAMETERS);
        if (rules.connectMetaData() && parameters != null) {
            if (!(parameters instanceof Map)) throw new DataException("Expected JSON object for schema parameters but found: " + parameters);
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) parameters).entrySet()) {
                if (!(entry.getValue() instanceof String value)) {
                    throw new DataException("Expected schema parameter values to be strings but found: " + entry.getValue());
                }
                builder.parameter(entry.getKey(), value);
            }
        }
        avro.getObjectProps().forEach((key, value) -> {
            if (key.startsWith(AVRO_PROP_PREFIX)) builder.parameter(key, value.toString());
        });
    }

    private void defaultValue(org.apache.avro.Schema avro, Object fieldDefault, SchemaBuilder builder, Context ctx) {
        Object connectDefault = avro.getObjectProp(CONNECT_DEFAULT);
        Object value = fieldDefault;
        if (value == null) {
            value = JacksonUtils.toJsonNode(connectDefault);
        } else if (!rules.discardTypeDocDefault() && rules.connectMetaData() && connectDefault == null) {
            builder.parameter(FIELD_DEFAULT_FLAG, "true");
        }
        if (value == null) return;
        try {
            builder.defaultValue(values.fromDefault(builder, avro, value, ctx));
        } catch (DataException e) {
            // Connect cannot hold every Avro default (e.g. null for a schema that is optional only in Avro).
            log.debug("Ignoring default of {} that Connect cannot hold: {}", avro.getName(), e.getMessage());
        }
    }

    private static void name(org.apache.avro.Schema avro, SchemaBuilder builder) {
        Object connectName = avro.getObjectProp(CONNECT_NAME);
        String name = null;
        if (connectName != null) {
            if (!(connectName instanceof String text)) throw new DataException("Invalid schema name: " + connectName);
            name = text;
        } else if (avro.getType() == org.apache.avro.Schema.Type.RECORD || avro.getType() == org.apache.avro.Schema.Type.ENUM
                || avro.getType() == org.apache.avro.Schema.Type.FIXED) {
            name = avro.getFullName();
        }
        if (name == null || name.startsWith(DEFAULT_RECORD_FULL_NAME)) return;
        if (builder.name() != null && !Objects.equals(name, builder.name())) {
            throw new DataException("Mismatched names: name already added to SchemaBuilder (" + builder.name()
                    + ") differs from name in source schema (" + name + ")");
        }
        if (builder.name() == null) builder.name(name); // SchemaBuilder refuses to set it twice
    }
}
