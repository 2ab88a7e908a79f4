package io.avrogate.serde;

import io.avrogate.registry.client.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.generic.GenericData;

/**
 * What {@link AvroSerializer} and {@link AvroDeserializer} set up alike in {@code configure}: the registry client
 * (the one passed to the constructor, else one created from the configs and then the serde's to close), the schema
 * lookups on it, the subject name strategy and the generic data model. Built once per configure; nothing here runs
 * per record.
 */
final class SerdeBasics {
    final AvroSerdeConfig config;
    final SchemaRegistryClient client;
    final boolean ownsClient;
    final RegistrySchemas registrySchemas;
    final String strategyName;
    final SubjectNameStrategy strategy;
    final GenericData genericData;
    /** avrogate.codegen.enabled: schema-specialized codecs ({@link GeneratedCodecs}) instead of Avro's. */
    final boolean codegen;

    private SerdeBasics(AvroSerdeConfig config, SchemaRegistryClient client, boolean ownsClient, String strategyName,
            SubjectNameStrategy strategy) {
        this.config = config;
        this.client = client;
        this.ownsClient = ownsClient;
        this.registrySchemas = new RegistrySchemas(client);
        this.strategyName = strategyName;
        this.strategy = strategy;
        this.codegen = config.getBoolean(AvroSerdeConfig.CODEGEN_ENABLED);
        this.genericData = AvroDataModels.generic(config.getBoolean(AvroSerdeConfig.AVRO_USE_LOGICAL_TYPE_CONVERTERS));
    }

    /**
     * @param given the client passed to the serde's constructor, or null
     * @param previous what an earlier configure call set up, or null: a client it created is kept, not created again
     */
    static SerdeBasics configure(Map<String, ?> configs, boolean isKey, SchemaRegistryClient given,
            SerdeBasics previous) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        String strategyName = config.subjectNameStrategy(isKey);
        SubjectNameStrategy strategy =
                SubjectNameStrategies.create(AvroSerdeConfig.subjectNameStrategyKey(isKey), strategyName, configs);
        // Created last, so that a configuration error above leaves no client behind unclosed.
        SchemaRegistryClient client = given != null ? given
                : previous != null ? previous.client : RegistryClients.create(config, configs);
        return new SerdeBasics(config, client, given == null, strategyName, strategy);
    }

    /** Closes the client if the serde created it; a client passed in belongs to the caller. */
    void close() {
        if (ownsClient) client.close();
    }
}
