package io.avrogate.registry.client;

import java.util.Map;

/** Creates the right {@link SchemaRegistryClient} for a configuration, as Confluent's serdes do. */
public final class SchemaRegistryClients {
    private SchemaRegistryClients() {
    }

    /**
     * {@code mock://scope} (as the only URL) gives the JVM-wide {@link InMemorySchemaRegistryClient} of that scope;
     * anything else the HTTP client. Keys other than {@link RegistryClientConfig}'s are ignored, so a whole
     * serializer or producer configuration can be passed.
     *
     * @throws org.apache.kafka.common.config.ConfigException when the configuration is invalid (no URL, a bad value)
     */
    public static SchemaRegistryClient create(Map<String, ?> configs) {
        RegistryClientConfig config = new RegistryClientConfig(configs);
        String scope = config.mockScope();
        if (scope != null) return InMemorySchemaRegistryClient.forScope(scope);
        return new RestSchemaRegistryClient(config);
    }
}
