package io.avrogate.cli;

import io.avrogate.bridge.BridgeConfig;
import io.avrogate.consumer.ConsumerRunnerConfig;
import io.avrogate.ingest.IngestSettings;
import io.avrogate.producer.AvroProducerConfig;
import io.avrogate.producer.KafkaEnvironment;
import io.avrogate.registry.RegistryConfig;
import io.avrogate.registry.client.RegistryClientConfig;
import io.avrogate.serde.AvroSerdeConfig;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * The configuration reference (docs/configuration.md), rendered from the {@link ConfigDef}s the code validates its
 * settings with, so that the documentation cannot say something the code does not do.
 */
final class ConfigurationReference {
    static final String REGENERATE = "./avrogate config-reference --output docs/configuration.md";

    /**
     * One configurable part of avrogate.
     *
     * @param title       the section title
     * @param where       how a user passes these settings (command, file, class)
     * @param definition  the settings
     * @param environment the variables a command reads them from, or null when they are only passed in code
     */
    record Component(String title, String where, ConfigDef definition, EnvironmentSettings environment) {}

    /** Every component, in the order data flows through the house. New components add a line here. */
    static List<Component> components() {
        return List.of(
                new Component("Schema registry", "`avrogate registry [--config FILE]`: a Java properties file, and"
                        + " `SCHEMA_REGISTRY_*` environment variables that override it (the names Confluent's"
                        + " `cp-schema-registry` image reads). Settings under `kafkastore.` that are Kafka client"
                        + " settings (`kafkastore.security.protocol`, `kafkastore.sasl.*`, `kafkastore.ssl.*`) are passed"
                        + " to the store's Kafka clients.",
                        RegistryConfig.CONFIG_DEF, RegistryCommand.ENVIRONMENT),
                new Component("Registry client", "Read by every client of the registry (the serde, the producer, the"
                        + " bridge, `avrogate check --registry`) from the same settings map as Confluent's"
                        + " `CachedSchemaRegistryClient`; keys it does not know are ignored, so a whole producer or"
                        + " consumer configuration can be passed.",
                        RegistryClientConfig.CONFIG_DEF, null),
                new Component("Avro serializer and deserializer", "`io.avrogate.serde.AvroSerializer`,"
                        + " `AvroDeserializer` and `AvroSerde`, configured like any Kafka serde (`key.serializer`,"
                        + " `value.deserializer`, ...) with Confluent's key names; the registry client's settings above"
                        + " apply too.",
                        AvroSerdeConfig.CONFIG_DEF, null),
                new Component("Producer", "`io.avrogate.producer.AvroProducer` and the services built on it. Only"
                        + " the settings whose default differs from Kafka's or Confluent's are listed; every other"
                        + " Kafka producer setting is passed through. From the environment: `"
                        + KafkaEnvironment.BOOTSTRAP_SERVERS + "` (or `" + KafkaEnvironment.URL + "`), `"
                        + KafkaEnvironment.REGISTRY_URL + "`, `" + KafkaEnvironment.CLIENT_CERT + "`, `"
                        + KafkaEnvironment.CLIENT_CERT_KEY + "`, `" + KafkaEnvironment.CLIENT_CERT_KEY_PASSWORD + "`, `"
                        + KafkaEnvironment.TRUSTED_CERT + "`, and `" + KafkaEnvironment.PRODUCER_PREFIX
                        + "<NAME>` for any producer setting (`" + KafkaEnvironment.PRODUCER_PREFIX
                        + "LINGER_MS=20` is `linger.ms`).",
                        AvroProducerConfig.configDef(), null),
                new Component("Ingest service", "`avrogate ingest --server-config FILE`: the HTTP listener's"
                        + " settings (the names every avrogate listener reads), in a properties file of their own because"
                        + " the Kafka producer's `ssl.*` settings (in `--config`) have the same names. `--host` and"
                        + " `--port` set `listeners` when the file does not.",
                        IngestSettings.CONFIG_DEF, null),
                new Component("Consumer", "`io.avrogate.consumer.ConsumerRunner`, which `avrogate consume` runs on."
                        + " Keys not listed below are Kafka consumer, serde or registry-client"
                        + " settings; `group.id` is required and `enable.auto.commit` must stay off (the runner commits"
                        + " only what was processed).",
                        ConsumerRunnerConfig.CONFIG_DEF, null),
                new Component("Migration bridge", "The bridge's properties file. Keys prefixed with `consumer.`,"
                        + " `producer.` or `admin.` go (without the prefix) to that Kafka client; the registry client's"
                        + " settings above apply too. The listener's settings (`listeners`, `ssl.*`,"
                        + " `authentication.method`, ...) are the HTTP endpoints' (`/health`, `/metrics`).",
                        BridgeConfig.configDef(), null));
    }

    static String render() {
        StringBuilder out = new StringBuilder();
        out.append("# Configuration reference\n\n")
                .append("Every setting avrogate reads, by component, with Confluent's names where Confluent has one.\n")
                .append("This file is generated from the code's `ConfigDef`s by `").append(REGENERATE).append("`;\n")
                .append("a test fails when it is out of date, so it always says what the code does.\n");
        for (Component component : components()) {
            out.append("\n## ").append(component.title()).append("\n\n").append(component.where()).append("\n\n");
            boolean env = component.environment() != null;
            out.append("| Setting |").append(env ? " Environment variable |" : "")
                    .append(" Type | Default | Valid values | Importance | Description |\n");
            out.append("|---|").append(env ? "---|" : "").append("---|---|---|---|---|\n");
            for (ConfigDef.ConfigKey key : component.definition().configKeys().values()) {
                out.append("| `").append(key.name).append("` |");
                if (env) out.append(" `").append(component.environment().variableFor(key.name)).append("` |");
                out.append(' ').append(key.type.name().toLowerCase()).append(" | ")
                        .append(defaultOf(key)).append(" | ")
                        .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
                        .append(key.importance.name().toLowerCase()).append(" | ")
                        .append(cell(Objects.toString(key.documentation, ""))).append(" |\n");
            }
        }
        return out.toString();
    }

    private static String defaultOf(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) return "*required*";
        if (key.defaultValue == null) return "null";
        if (key.defaultValue instanceof Password password) return password.value().isEmpty() ? "\"\"" : "(hidden)";
        String value = ConfigDef.convertToString(key.defaultValue, key.type);
        return value.isEmpty() ? "\"\"" : "`" + value + "`";
    }

    /** Text safe inside a Markdown table cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private ConfigurationReference() {}
}
