package io.avrogate.cli;

import io.avrogate.producer.AvroProducerConfig;
import io.avrogate.producer.KafkaEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where Kafka and the registry are, for commands that produce: from the environment ({@code KAFKA_BOOTSTRAP_SERVERS}
 * or {@code KAFKA_URL}, {@code SCHEMA_REGISTRY_URL}, PEM certificates; see {@link KafkaEnvironment}), then a
 * properties file, then these options, each overriding the one before.
 */
final class ConnectionOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...", description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--registry", paramLabel = "URL", description = "Schema registry URL(s), comma-separated.")
    String registry;

    @Option(names = "--registry-user", paramLabel = "USER:PASSWORD",
            description = "Basic-auth credentials for the registry. Prefer the environment variable"
                    + " SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO: a command line is visible to other users of the machine.")
    String registryUser;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Producer, serde and registry-client settings (Kafka and Confluent names), a properties file.")
    Path config;

    /** The merged settings; a usage error (exit 2) when Kafka or the registry is not named anywhere. */
    Map<String, Object> configs(CommandLine commandLine, Map<String, String> environment) {
        try {
            return merge(environment);
        } catch (IllegalArgumentException | org.apache.kafka.common.config.ConfigException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        } catch (IOException e) {
            throw new CommandLine.ParameterException(commandLine, "--config " + config + ": " + e.getMessage());
        }
    }

    private Map<String, Object> merge(Map<String, String> environment) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>(KafkaEnvironment.from(environment));
        if (config != null) out.putAll(AvroProducerConfig.load(config));
        if (bootstrapServers != null) out.put("bootstrap.servers", bootstrapServers);
        if (registry != null) out.put("schema.registry.url", registry);
        out.putAll(KafkaEnvironment.registryUserInfo(registryUser));
        if (!out.containsKey("bootstrap.servers")) {
            throw new IllegalArgumentException("no Kafka: give --bootstrap-servers, bootstrap.servers in --config, or set"
                    + " KAFKA_BOOTSTRAP_SERVERS or KAFKA_URL");
        }
        if (!out.containsKey("schema.registry.url")) {
            throw new IllegalArgumentException("no schema registry: give --registry, schema.registry.url in --config, or"
                    + " set SCHEMA_REGISTRY_URL");
        }
        return out;
    }
}
