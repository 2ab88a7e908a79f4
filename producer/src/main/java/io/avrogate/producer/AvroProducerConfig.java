package io.avrogate.producer;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of an {@link AvroProducer}: Kafka's producer settings under their own names, the serde's under Confluent's
 * names, and two of avrogate's own ({@code default.topic}, {@code partition.strategy}). Only what differs from Kafka's
 * and Confluent's defaults is defined here; everything else is passed through untouched.
 *
 * <p>Defaults chosen for a governed pipeline:
 * <ul>
 *   <li>{@code auto.register.schemas=false}: a producer never creates or evolves a schema. Schemas are registered by
 *       the CI {@code register} step after the compatibility check, so a record whose schema was not reviewed is
 *       refused by the serializer before anything reaches Kafka.</li>
 *   <li>{@code acks=all} and {@code enable.idempotence=true}: no loss and no duplicates on retry. Choosing
 *       {@code acks} 0 or 1 without naming {@code enable.idempotence} turns idempotence off (it needs acks=all).</li>
 *   <li>key and value serializers: avrogate's Avro serializer ({@code io.avrogate.serde.AvroSerializer}).</li>
 * </ul>
 */
public final class AvroProducerConfig extends AbstractConfig {
    public static final String DEFAULT_TOPIC = "default.topic";
    public static final String PARTITION_STRATEGY = "partition.strategy";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";

    /** avrogate's Avro serializer, named (not imported) so that other serializers can replace it by configuration. */
    public static final String AVRO_SERIALIZER = "io.avrogate.serde.AvroSerializer";

    private static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(DEFAULT_TOPIC, Type.STRING, null, Importance.MEDIUM,
                    "Topic of send(key, value), the sends that name no topic.")
            .define(PARTITION_STRATEGY, Type.STRING, PartitionStrategy.KEY_HASH.configName(),
                    ConfigDef.ValidString.in("key-hash", "round-robin", "random"), Importance.MEDIUM,
                    "key-hash (Kafka's default), round-robin or random; a PartitionFunction given to the builder wins.")
            .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, false, Importance.HIGH,
                    "Whether the serializer may register schemas. Off: schemas are registered by CI, producers only use them.")
            .define(USE_LATEST_VERSION, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Serialize with the subject's latest version instead of looking up the record's own schema.")
            .define(ProducerConfig.ACKS_CONFIG, Type.STRING, "all", ConfigDef.ValidString.in("all", "-1", "0", "1"),
                    Importance.HIGH, "Acknowledgements the broker must give: 0, 1 or all.")
            .define(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, Type.STRING, AVRO_SERIALIZER, Importance.MEDIUM,
                    "Serializer of keys.")
            .define(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, Type.STRING, AVRO_SERIALIZER, Importance.MEDIUM,
                    "Serializer of values.");

    public AvroProducerConfig(Map<String, ?> configs) {
        super(CONFIG_DEF, configs, false);
    }

    /** The definition, e.g. for documentation. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    /** Reads a properties file (Kafka and Confluent key names). */
    public static Map<String, Object> load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Map<String, Object> out = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> out.put(name, properties.getProperty(name).trim()));
        return out;
    }

    public String defaultTopic() {
        return getString(DEFAULT_TOPIC);
    }

    public PartitionStrategy partitionStrategy() {
        return PartitionStrategy.fromConfigName(getString(PARTITION_STRATEGY));
    }

    /**
     * What KafkaProducer (and through it the serializers, which see every producer setting) is configured with:
     * the caller's settings plus this class's defaults, without avrogate's own keys.
     */
    public Map<String, Object> kafkaConfigs() {
        Map<String, Object> out = new HashMap<>(originals());
        out.remove(DEFAULT_TOPIC);
        out.remove(PARTITION_STRATEGY);
        out.put(AUTO_REGISTER_SCHEMAS, getBoolean(AUTO_REGISTER_SCHEMAS));
        out.put(USE_LATEST_VERSION, getBoolean(USE_LATEST_VERSION));
        String acks = getString(ProducerConfig.ACKS_CONFIG);
        out.put(ProducerConfig.ACKS_CONFIG, acks);
        if (!originals().containsKey(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)) {
            out.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, acks.equals("all") || acks.equals("-1"));
        }
        out.putIfAbsent(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, getString(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG));
        out.putIfAbsent(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, getString(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG));
        if (!out.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new ConfigException("bootstrap.servers is required (or KAFKA_BOOTSTRAP_SERVERS / KAFKA_URL in the environment)");
        }
        return out;
    }
}
