package io.avrogate.cli;

import io.avrogate.producer.KafkaEnvironment;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where Kafka and the registry are, for commands that use both: {@code --bootstrap-servers}, the registry's options,
 * {@code --config FILE} and {@code -D}, over the environment ({@code KAFKA_BOOTSTRAP_SERVERS} or {@code KAFKA_URL},
 * {@code SCHEMA_REGISTRY_URL}, PEM certificates; see {@link KafkaEnvironment}), in {@link ConfigOptions}' one
 * precedence.
 */
final class ConnectionOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "Kafka bootstrap servers. Default: $KAFKA_BOOTSTRAP_SERVERS (or $KAFKA_URL), or"
                    + " bootstrap.servers in --config.")
    String bootstrapServers;

    @Mixin
    RegistryClientOptions registry;

    /**
     * The merged settings.
     *
     * @param producerVariables whether {@code KAFKA_PRODUCER_*} variables apply (commands that only produce)
     * @param defaults          the lowest layer, e.g. localhost addresses
     */
    Map<String, Object> configs(CommandLine commandLine, Map<String, String> environment, boolean producerVariables,
                                Map<String, ?> defaults) {
        Map<String, Object> fromEnvironment;
        Map<String, Object> named = new HashMap<>();
        try {
            Map<String, String> variables = new HashMap<>(environment);
            if (!producerVariables) variables.keySet().removeIf(name -> name.startsWith(KafkaEnvironment.PRODUCER_PREFIX));
            fromEnvironment = KafkaEnvironment.from(variables);
            named.putAll(registry.named());
        } catch (IllegalArgumentException | org.apache.kafka.common.config.ConfigException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
        if (bootstrapServers != null) named.put("bootstrap.servers", bootstrapServers);
        Map<String, Object> out = registry.config.merge(commandLine, defaults, fromEnvironment, named);
        if (!out.containsKey("bootstrap.servers")) {
            throw new CommandLine.ParameterException(commandLine, "no Kafka: give --bootstrap-servers HOST:PORT, set"
                    + " KAFKA_BOOTSTRAP_SERVERS (or KAFKA_URL), or bootstrap.servers in --config FILE");
        }
        return out;
    }

    /** As {@link #configs}, and a usage error (exit 2) when the registry is not named anywhere. */
    Map<String, Object> configsWithRegistry(CommandLine commandLine, Map<String, String> environment,
                                            boolean producerVariables, Map<String, ?> defaults) {
        Map<String, Object> out = configs(commandLine, environment, producerVariables, defaults);
        if (!out.containsKey("schema.registry.url")) {
            throw new CommandLine.ParameterException(commandLine, "no schema registry: give --registry URL, set"
                    + " SCHEMA_REGISTRY_URL, or schema.registry.url in --config FILE");
        }
        return out;
    }
}
