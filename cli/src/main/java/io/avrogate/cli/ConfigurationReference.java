package io.avrogate.cli;

import io.avrogate.registry.RegistryConfig;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigDef;

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
                        RegistryConfig.DEFINITION, RegistryCommand.ENVIRONMENT));
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
        String value = ConfigDef.convertToString(key.defaultValue, key.type);
        return value.isEmpty() ? "\"\"" : "`" + value + "`";
    }

    /** Text safe inside a Markdown table cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private ConfigurationReference() {}
}
