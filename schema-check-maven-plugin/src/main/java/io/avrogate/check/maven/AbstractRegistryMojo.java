package io.avrogate.check.maven;

import io.avrogate.registry.client.RegistryClientConfig;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Goals that talk to a registry. Parameters carry the names of Confluent's kafka-schema-registry-maven-plugin, so a
 * configuration moves over unchanged; {@code configs} goes to our registry client as it is (Confluent's client keys:
 * {@code schema.registry.ssl.*}, {@code bearer.auth.*}, {@code max.retries}, ...).
 */
abstract class AbstractRegistryMojo extends AbstractSchemasMojo {

    /** The registry's URL(s); several are tried in turn (failover). */
    @Parameter(property = "avrogate.schemaRegistryUrls", required = true)
    List<String> schemaRegistryUrls;

    /** Basic-auth credentials, {@code user:password}; prefer a property from settings.xml or the environment. */
    @Parameter(property = "avrogate.userInfoConfig")
    String userInfoConfig;

    /** Further registry client settings under Confluent's names, e.g. TLS key and trust stores. */
    @Parameter
    Map<String, String> configs;

    SchemaRegistryClient client() throws MojoExecutionException {
        if (schemaRegistryUrls == null || schemaRegistryUrls.isEmpty()) {
            throw new MojoExecutionException("set schemaRegistryUrls (or -Davrogate.schemaRegistryUrls=URL)");
        }
        Map<String, Object> config = new HashMap<>();
        if (configs != null) config.putAll(configs);
        config.put(RegistryClientConfig.URL, String.join(",", schemaRegistryUrls));
        if (userInfoConfig != null && !userInfoConfig.isBlank()) {
            config.put(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
            config.put(RegistryClientConfig.BASIC_AUTH_USER_INFO, userInfoConfig);
        }
        try {
            return SchemaRegistryClients.create(config);
        } catch (ConfigException e) {
            throw new MojoExecutionException("registry client settings: " + e.getMessage(), e);
        }
    }

    /** The registry as logs and reports name it: its URL(s) without any credentials. */
    String registryName() {
        return String.join(",", schemaRegistryUrls).replaceAll("://[^/@,]*@", "://");
    }
}
