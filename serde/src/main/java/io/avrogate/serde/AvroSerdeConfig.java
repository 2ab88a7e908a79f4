package io.avrogate.serde;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings of {@link AvroSerializer} and {@link AvroDeserializer}, under Confluent's key names so that a properties
 * file written for {@code KafkaAvroSerializer}/{@code KafkaAvroDeserializer} works unchanged. Registry connection
 * settings ({@code basic.auth.*}, timeouts, TLS, ...) are not interpreted here: the whole map is handed to the
 * registry client, which owns them.
 */
public final class AvroSerdeConfig extends AbstractConfig {
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_SCHEMA_ID = "use.schema.id";
    public static final String ID_COMPATIBILITY_STRICT = "id.compatibility.strict";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String LATEST_COMPATIBILITY_STRICT = "latest.compatibility.strict";
    public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";
    public static final String NORMALIZE_SCHEMAS = "normalize.schemas";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String AVRO_USE_LOGICAL_TYPE_CONVERTERS = "avro.use.logical.type.converters";
    public static final String AVRO_REMOVE_JAVA_PROPERTIES = "avro.remove.java.properties";
    /** avrogate's own key (Confluent has none): a fixed reader schema for every record the deserializer reads. */
    public static final String AVRO_READER_SCHEMA = "avro.reader.schema";
    /** avrogate only: read and write with codecs compiled per schema pair instead of Avro's schema-walking ones. */
    public static final String CODEGEN_ENABLED = "avrogate.codegen.enabled";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(SCHEMA_REGISTRY_URL, Type.LIST, List.of(), Importance.HIGH,
                    "Comma-separated registry base URLs (the client fails over between them), or mock://<scope> for the"
                            + " in-JVM registry. Required unless a SchemaRegistryClient is passed to the constructor.")
            .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Serializer: register the value's schema under its subject (idempotent; cached).")
            .define(USE_SCHEMA_ID, Type.INT, -1, Importance.LOW,
                    "Serializer, with auto.register.schemas=false: write every record with this schema id.")
            .define(ID_COMPATIBILITY_STRICT, Type.BOOLEAN, true, Importance.LOW,
                    "With use.schema.id: require that schema to be able to read the value's schema.")
            .define(USE_LATEST_VERSION, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Serializer, with auto.register.schemas=false: write with the subject's latest version."
                            + " Deserializer: read with the subject's latest version as reader schema.")
            .define(LATEST_COMPATIBILITY_STRICT, Type.BOOLEAN, true, Importance.LOW,
                    "With use.latest.version: require the latest schema to be able to read the value's schema.")
            .define(LATEST_CACHE_TTL_SEC, Type.LONG, -1L, Importance.LOW,
                    "How long the serializer keeps a subject's latest version before asking again; -1 = forever.")
            .define(NORMALIZE_SCHEMAS, Type.BOOLEAN, false, Importance.LOW,
                    "Ask the registry to normalize schemas on register and lookup.")
            .define(KEY_SUBJECT_NAME_STRATEGY, Type.STRING, TopicNameStrategy.class.getName(), Importance.MEDIUM,
                    "Subject naming for keys: TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy (ours or"
                            + " Confluent's io.confluent.kafka.serializers.subject.* names), or a SubjectNameStrategy class.")
            .define(VALUE_SUBJECT_NAME_STRATEGY, Type.STRING, TopicNameStrategy.class.getName(), Importance.MEDIUM,
                    "Subject naming for values; see key.subject.name.strategy.")
            .define(SPECIFIC_AVRO_READER, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Deserializer: decode into the generated SpecificRecord class named by the writer schema.")
            .define(AVRO_USE_LOGICAL_TYPE_CONVERTERS, Type.BOOLEAN, false, Importance.LOW,
                    "Generic data: convert decimal, uuid, date, time and timestamp logical types to Java types.")
            .define(AVRO_REMOVE_JAVA_PROPERTIES, Type.BOOLEAN, true, Importance.LOW,
                    "Serializer (and the registry client it creates): strip the Java-only properties of generated"
                            + " classes (avro.java.string, java-class, ...) before registering or looking up a schema,"
                            + " so that a generated class finds the version registered from its .avsc file. Default"
                            + " true; Confluent's default is false.")
            .define(AVRO_READER_SCHEMA, Type.STRING, null, Importance.LOW,
                    "Deserializer (avrogate extension): an Avro schema every record is resolved to.")
            .define(CODEGEN_ENABLED, Type.BOOLEAN, true, Importance.LOW,
                    "avrogate extension: encode and decode with codecs compiled once per (writer, reader, data model),"
                            + " proven byte-for-byte and value-for-value equal to Avro's; false uses Avro's own.")
            .define(BASIC_AUTH_CREDENTIALS_SOURCE, Type.STRING, "URL", Importance.MEDIUM,
                    "Passed to the registry client: URL, USER_INFO or SASL_INHERIT.")
            .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, new Password(""), Importance.MEDIUM,
                    "Passed to the registry client: user:password for USER_INFO.");

    public AvroSerdeConfig(Map<?, ?> configs) {
        super(CONFIG_DEF, configs, false);
    }

    public List<String> registryUrls() {
        return getList(SCHEMA_REGISTRY_URL);
    }

    public String subjectNameStrategy(boolean isKey) {
        return getString(isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY);
    }

    public static String subjectNameStrategyKey(boolean isKey) {
        return isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY;
    }
}
