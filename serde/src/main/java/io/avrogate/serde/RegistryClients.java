package io.avrogate.serde;

import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/** Creates the registry client a serde configured by properties uses. */
final class RegistryClients {
    private RegistryClients() {}

    static SchemaRegistryClient create(AvroSerdeConfig config, Map<String, ?> configs) {
        if (config.registryUrls().isEmpty()) {
            throw new ConfigException("Missing required configuration \"" + AvroSerdeConfig.SCHEMA_REGISTRY_URL
                    + "\" which has no default value.");
        }
        // The client reads its own keys (URLs, basic.auth.*, TLS, timeouts, ...) from the same map.
        return SchemaRegistryClients.create(configs);
    }
}
