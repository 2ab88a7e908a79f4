package io.avrogate.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import io.avrogate.producer.KafkaEnvironment;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import picocli.CommandLine;

/**
 * The environment variables a service command reads, derived from its {@link ConfigDef} with the naming rule of
 * Confluent's container images: a prefix, then the setting name upper-cased with {@code .} as {@code _}, {@code _}
 * as {@code __} and {@code -} as {@code ___}. So {@code kafkastore.bootstrap.servers} of the registry is
 * {@code SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS}, exactly the variable {@code cp-schema-registry} reads, and one
 * compose environment block configures either registry.
 *
 * <p>This is the one place that says which variables a command reads: the commands read through it and the compose
 * file's test checks every variable it sets against it.
 *
 * @param prefix             e.g. {@code SCHEMA_REGISTRY_}
 * @param definition         the settings that have a variable
 * @param passThrough setting-name prefixes passed on to embedded clients, with the names the client accepts under
 *                    them (e.g. {@code kafkastore.} and the Kafka client settings, for the store's security settings)
 */
public record EnvironmentSettings(String prefix, ConfigDef definition, Map<String, Set<String>> passThrough) {

    /**
     * Variables every avrogate process reads whatever its command: the log level and format (read by
     * {@code logback.xml}) and the JVM's own options variable.
     */
    public static final Set<String> COMMON_VARIABLES = Set.of("AVROGATE_LOG_LEVEL", "AVROGATE_LOG_FORMAT", "JAVA_TOOL_OPTIONS");

    /** The names Kafka's producer, consumer and admin clients accept, for settings passed on to them. */
    public static Set<String> kafkaClientSettings() {
        Set<String> names = new TreeSet<>(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return names;
    }

    /**
     * Whether the given command (a picocli command object) reads the variable: the one place that knows, for the
     * compose check. Commands with a {@link Configured} definition answer themselves; the producing commands read
     * {@link KafkaEnvironment}'s variables, other commands with {@link ConnectionOptions} the same but the producer's
     * own, commands with {@link RegistryClientOptions} the registry's; options whose default names a variable ({@code ${env:NAME:-...}}) read
     * it; every command reads {@link #COMMON_VARIABLES}.
     */
    public static boolean readBy(Object command, String variable) {
        if (COMMON_VARIABLES.contains(variable)) return true;
        if (optionDefaultsRead(command, variable)) return true;
        if (command instanceof Configured configured) return configured.environmentSettings().reads(variable);
        if (command instanceof IngestCommand || command instanceof ProduceCommand) return readByProducers(variable);
        if (hasMixin(command, ConnectionOptions.class)) {
            return readByProducers(variable) && !variable.startsWith(KafkaEnvironment.PRODUCER_PREFIX);
        }
        if (hasMixin(command, RegistryClientOptions.class)) {
            // check goes online only when told on its command line or in --config, so its URL variable is not read.
            return variable.equals(KafkaEnvironment.REGISTRY_USER_INFO)
                    || variable.equals(KafkaEnvironment.REGISTRY_URL) && !(command instanceof CheckCommand);
        }
        // BridgeCommand.Settings reads these two before --config's file and the options override them.
        if (command instanceof BridgeCommand || command instanceof BridgeCommand.Status) {
            return variable.equals(KafkaEnvironment.BOOTSTRAP_SERVERS) || variable.equals(KafkaEnvironment.REGISTRY_URL);
        }
        return false;
    }

    private static boolean hasMixin(Object command, Class<?> mixin) {
        return hasMixin(CommandLine.Model.CommandSpec.forAnnotatedObject(command), mixin);
    }

    /** Mixins nest (bridge's settings hold the connection options), so the search goes down. */
    private static boolean hasMixin(CommandLine.Model.CommandSpec spec, Class<?> mixin) {
        return spec.mixins().values().stream()
                .anyMatch(m -> mixin.isInstance(m.userObject()) || hasMixin(m, mixin));
    }

    /** Whether an option's default, as written in its annotation, names the variable: {@code ${env:NAME:-...}}. */
    static boolean optionDefaultsRead(Object command, String variable) {
        for (CommandLine.Model.OptionSpec option : CommandLine.Model.CommandSpec.forAnnotatedObject(command).options()) {
            // The spec's defaultValue() is already interpolated; the annotation keeps what was written.
            if (option.userObject() instanceof java.lang.reflect.AnnotatedElement element) {
                CommandLine.Option annotation = element.getAnnotation(CommandLine.Option.class);
                String written = annotation == null ? "" : annotation.defaultValue();
                if (written.contains("${env:" + variable + ":") || written.contains("${env:" + variable + "}")) return true;
            }
        }
        return false;
    }

    /** The variables {@link KafkaEnvironment} maps to producer settings. */
    static boolean readByProducers(String variable) {
        Set<String> named = Set.of(KafkaEnvironment.BOOTSTRAP_SERVERS, KafkaEnvironment.URL, KafkaEnvironment.REGISTRY_URL,
                KafkaEnvironment.REGISTRY_USER_INFO,
                KafkaEnvironment.CLIENT_CERT, KafkaEnvironment.CLIENT_CERT_KEY, KafkaEnvironment.CLIENT_CERT_KEY_PASSWORD,
                KafkaEnvironment.TRUSTED_CERT);
        if (named.contains(variable)) return true;
        if (!variable.startsWith(KafkaEnvironment.PRODUCER_PREFIX)) return false;
        String setting = variable.substring(KafkaEnvironment.PRODUCER_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
        return ProducerConfig.configNames().contains(setting);
    }

    /** A command whose settings may come from environment variables. */
    public interface Configured {
        EnvironmentSettings environmentSettings();
    }

    /** The variable for a setting, e.g. {@code kafkastore.topic} → {@code SCHEMA_REGISTRY_KAFKASTORE_TOPIC}. */
    public String variableFor(String setting) {
        return prefix + setting.replace("_", "__").replace("-", "___").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** The setting a variable of this prefix names, or null if it does not start with the prefix. */
    public String settingFor(String variable) {
        if (!variable.startsWith(prefix) || variable.length() == prefix.length()) return null;
        String rest = variable.substring(prefix.length()).toLowerCase(Locale.ROOT);
        // Longest runs first: ___ is '-', __ is '_', a single _ is '.'.
        return rest.replace("___", "\u0001").replace("__", "\u0002").replace('_', '.')
                .replace('\u0001', '-').replace('\u0002', '_');
    }

    /** The variables of every defined setting, sorted. */
    public Set<String> variables() {
        Set<String> out = new TreeSet<>();
        definition.names().forEach(name -> out.add(variableFor(name)));
        return out;
    }

    /** True when the command reads this variable: a defined setting, one under a pass-through prefix, or a common one. */
    public boolean reads(String variable) {
        if (COMMON_VARIABLES.contains(variable)) return true;
        String setting = settingFor(variable);
        if (setting == null) return false;
        if (definition.names().contains(setting)) return true;
        return passThrough.entrySet().stream().anyMatch(p ->
                setting.startsWith(p.getKey()) && p.getValue().contains(setting.substring(p.getKey().length())));
    }

    /** The settings given by these variables (normally {@code System.getenv()}); other variables are ignored. */
    public Map<String, String> read(Map<String, String> environment) {
        Map<String, String> out = new TreeMap<>();
        environment.forEach((variable, value) -> {
            if (!COMMON_VARIABLES.contains(variable) && reads(variable)) out.put(settingFor(variable), value);
        });
        return out;
    }
}
