package io.avrogate.connect;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * How Connect data maps to Avro and back, under Confluent's {@code AvroDataConfig} key names and defaults. The serde
 * keys ({@code schema.registry.url}, {@code auto.register.schemas}, {@code use.latest.version}, subject name
 * strategies, {@code basic.auth.*}, ...) are not defined here: the whole map goes to the serializer, deserializer and
 * registry client, which own them.
 */
public final class AvroDataConfig extends AbstractConfig {
    public static final String ENHANCED_AVRO_SCHEMA_SUPPORT = "enhanced.avro.schema.support";
    public static final String CONNECT_META_DATA = "connect.meta.data";
    public static final String SCHEMAS_CACHE_SIZE = "schemas.cache.config";
    public static final String SCRUB_INVALID_NAMES = "scrub.invalid.names";
    public static final String IGNORE_DEFAULT_FOR_NULLABLES = "ignore.default.for.nullables";
    public static final String GENERALIZED_SUM_TYPE_SUPPORT = "generalized.sum.type.support";
    public static final String DISCARD_TYPE_DOC_DEFAULT = "discard.type.doc.default";
    public static final String ALLOW_OPTIONAL_MAP_KEYS = "allow.optional.map.keys";
    public static final String FLATTEN_SINGLETON_UNIONS = "flatten.singleton.unions";

    static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(ENHANCED_AVRO_SCHEMA_SUPPORT, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Write enum-annotated Connect strings as Avro enums and name union branches by full name.")
            .define(CONNECT_META_DATA, Type.BOOLEAN, true, Importance.LOW,
                    "Keep Connect metadata (connect.* properties: doc, version, parameters, default) in Avro schemas.")
            .define(SCHEMAS_CACHE_SIZE, Type.INT, 1000, Importance.LOW,
                    "How many converted schemas each direction keeps.")
            .define(SCRUB_INVALID_NAMES, Type.BOOLEAN, false, Importance.LOW,
                    "Turn Connect names that are not valid Avro names into valid ones instead of failing.")
            .define(IGNORE_DEFAULT_FOR_NULLABLES, Type.BOOLEAN, false, Importance.LOW,
                    "Write a field that was not set as null instead of its schema default.")
            .define(GENERALIZED_SUM_TYPE_SUPPORT, Type.BOOLEAN, false, Importance.LOW,
                    "Represent enums and unions with Connect's generic Enum/Union parameters (connect_union_N).")
            .define(DISCARD_TYPE_DOC_DEFAULT, Type.BOOLEAN, false, Importance.LOW,
                    "Map Avro docs to Connect docs and drop Avro type defaults, instead of keeping them as parameters.")
            .define(ALLOW_OPTIONAL_MAP_KEYS, Type.BOOLEAN, false, Importance.LOW,
                    "Write maps with optional string keys as Avro maps rather than arrays of MapEntry records.")
            .define(FLATTEN_SINGLETON_UNIONS, Type.BOOLEAN, true, Importance.LOW,
                    "Read a one-branch Avro union as its branch.");

    public AvroDataConfig(Map<?, ?> configs) {
        super(CONFIG_DEF, configs, false);
    }

    boolean enhanced() { return getBoolean(ENHANCED_AVRO_SCHEMA_SUPPORT); }
    boolean connectMetaData() { return getBoolean(CONNECT_META_DATA); }
    int schemasCacheSize() { return getInt(SCHEMAS_CACHE_SIZE); }
    boolean scrubInvalidNames() { return getBoolean(SCRUB_INVALID_NAMES); }
    boolean ignoreDefaultForNullables() { return getBoolean(IGNORE_DEFAULT_FOR_NULLABLES); }
    boolean generalizedSumTypes() { return getBoolean(GENERALIZED_SUM_TYPE_SUPPORT); }
    boolean discardTypeDocDefault() { return getBoolean(DISCARD_TYPE_DOC_DEFAULT); }
    boolean allowOptionalMapKeys() { return getBoolean(ALLOW_OPTIONAL_MAP_KEYS); }
    boolean flattenSingletonUnions() { return getBoolean(FLATTEN_SINGLETON_UNIONS); }
}
