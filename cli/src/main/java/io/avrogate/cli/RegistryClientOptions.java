package io.avrogate.cli;

import io.avrogate.producer.KafkaEnvironment;
import io.avrogate.registry.client.RegistryClientConfig;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of commands that talk to a registry: its URL(s) and, for credentials and TLS, a properties file with
 * the client's settings under Confluent's names ({@code basic.auth.*}, {@code bearer.auth.token},
 * {@code schema.registry.ssl.*}, ...), so secrets need not appear on the command line.
 */
final class RegistryClientOptions {
    @Option(names = "--registry", paramLabel = "URL",
            description = "The schema registry: one URL or a comma-separated list (failover).")
    String url;

    @Option(names = "--registry-user", paramLabel = "USER:PASSWORD",
            description = "Basic-auth credentials for the registry. Prefer the environment variable"
                    + " SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO: a command line is visible to other users of the machine.")
    String user;

    @Option(names = "--registry-config", paramLabel = "FILE",
            description = "A properties file of registry client settings (basic.auth.user.info, bearer.auth.token,"
                    + " schema.registry.ssl.*, ...).")
    Path configFile;

    /** The URL(s) as reports show them: without any user:password. */
    String displayUrl() {
        return url.replaceAll("://[^/@,]*@", "://");
    }

    /** Whether --registry was given; --registry-config alone is a usage error. */
    boolean isSet(CommandLine commandLine) {
        if (url == null && configFile != null) {
            throw new CommandLine.ParameterException(commandLine, "--registry-config needs --registry URL");
        }
        return url != null;
    }

    /** The client; bad settings are usage errors (exit 2). */
    SchemaRegistryClient client(CommandLine commandLine) {
        return client(commandLine, System.getenv());
    }

    /** The client, with credentials from (in rising precedence) the environment, the config file and --registry-user. */
    SchemaRegistryClient client(CommandLine commandLine, Map<String, String> environment) {
        Map<String, Object> config = new HashMap<>();
        try {
            config.putAll(KafkaEnvironment.registryUserInfo(environment.get(KafkaEnvironment.REGISTRY_USER_INFO)));
        } catch (ConfigException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
        if (configFile != null) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(configFile)) {
                properties.load(in);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(commandLine, "cannot read " + configFile + ": " + e.getMessage());
            }
            properties.forEach((k, v) -> config.put(k.toString(), v));
        }
        config.put(RegistryClientConfig.URL, url);
        try {
            config.putAll(KafkaEnvironment.registryUserInfo(user));
            return SchemaRegistryClients.create(config);
        } catch (ConfigException e) {
            throw new CommandLine.ParameterException(commandLine, "registry settings: " + e.getMessage());
        }
    }
}
