package io.avrogate.cli;

import io.avrogate.producer.KafkaEnvironment;
import io.avrogate.registry.client.RegistryClientConfig;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of commands that talk to a registry: {@code --registry URL}, {@code --registry-user}, and
 * {@code --config FILE} / {@code -D} for credentials and TLS under Confluent's names ({@code basic.auth.*},
 * {@code bearer.auth.token}, {@code schema.registry.ssl.*}, ...), so secrets need not appear on the command line.
 * Settings merge in {@link ConfigOptions}' one precedence, with {@code SCHEMA_REGISTRY_URL} and
 * {@code SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO} as the environment.
 */
final class RegistryClientOptions {
    @Option(names = "--registry", paramLabel = "URL",
            description = "The schema registry: one URL or a comma-separated list (failover)."
                    + " Default: $SCHEMA_REGISTRY_URL, or schema.registry.url in --config.")
    String url;

    /** The spelling of earlier versions (bridge), kept working but out of the help. */
    @Option(names = "--registry-url", paramLabel = "URL", hidden = true)
    void legacyUrl(String value) {
        url = value;
    }

    @Option(names = "--registry-user", paramLabel = "USER:PASSWORD",
            description = "Basic-auth credentials for the registry. Prefer the environment variable"
                    + " SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO or basic.auth.user.info in --config: a command line is"
                    + " visible to other users of the machine.")
    String user;

    @Mixin
    ConfigOptions config;

    /** The registry's variables: its URL and basic-auth credentials. */
    static Map<String, Object> environment(Map<String, String> environment) {
        Map<String, Object> out = new LinkedHashMap<>();
        String url = environment.get(KafkaEnvironment.REGISTRY_URL);
        if (url != null && !url.isBlank()) out.put(RegistryClientConfig.URL, url.strip());
        out.putAll(KafkaEnvironment.registryUserInfo(environment.get(KafkaEnvironment.REGISTRY_USER_INFO)));
        return out;
    }

    /** The options given on the command line, as settings. */
    Map<String, Object> named() {
        Map<String, Object> out = new HashMap<>();
        if (url != null) out.put(RegistryClientConfig.URL, url);
        out.putAll(KafkaEnvironment.registryUserInfo(user));
        return out;
    }

    /** The registry client's settings in the one precedence; a usage error (exit 2) when they are malformed. */
    Map<String, Object> settings(CommandLine commandLine, Map<String, String> environment) {
        try {
            return config.merge(commandLine, Map.of(), environment(environment), named());
        } catch (ConfigException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
    }

    /**
     * Whether {@code check} runs against a registry: --registry, or schema.registry.url in --config or -D. The
     * environment alone does not switch an offline check online.
     */
    boolean isSet(CommandLine commandLine) {
        return url != null || config.namesExplicitly(commandLine, RegistryClientConfig.URL);
    }

    /** The URL(s) as reports show them: without any user:password. */
    static String displayUrl(Map<String, Object> settings) {
        Object url = settings.get(RegistryClientConfig.URL);
        return url == null ? "" : url.toString().replaceAll("://[^/@,]*@", "://");
    }

    /** The client; no URL anywhere, or bad settings, are usage errors (exit 2). */
    static SchemaRegistryClient client(CommandLine commandLine, Map<String, Object> settings) {
        if (!settings.containsKey(RegistryClientConfig.URL)) {
            throw new CommandLine.ParameterException(commandLine, "no schema registry: give --registry URL, set"
                    + " SCHEMA_REGISTRY_URL, or schema.registry.url in --config FILE");
        }
        try {
            return SchemaRegistryClients.create(settings);
        } catch (ConfigException e) {
            throw new CommandLine.ParameterException(commandLine, "registry settings: " + e.getMessage());
        }
    }
}
