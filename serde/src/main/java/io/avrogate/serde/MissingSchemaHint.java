package io.avrogate.serde;

import io.avrogate.registry.client.JavaProperties;
import io.avrogate.registry.client.RegistryClientException;

/**
 * What a serializer in lookup mode ({@code auto.register.schemas=false}) tells the user when the registry does not
 * know the value's schema: the likely cause and the fix, not only the registry's 404. The most reported case
 * (Confluent #1352) is a generated class whose schema carries {@code avro.java.string}, looked up against the version
 * CI registered from the {@code .avsc} file.
 */
final class MissingSchemaHint {
    private MissingSchemaHint() {}

    static String explain(String subject, String sentSchema, boolean removeJavaProperties, RegistryClientException e) {
        String base = "Error retrieving Avro schema from subject " + subject + " (auto.register.schemas=false): " + e.getMessage();
        if (e.errorCode() == 40401) {
            return base + ". The subject does not exist: register the subject's schemas first (avrogate register),"
                    + " or check the subject name strategy (value.subject.name.strategy / key.subject.name.strategy).";
        }
        if (e.errorCode() != 40403) return base;
        if (!removeJavaProperties && JavaProperties.present(sentSchema)) {
            return base + ". Likely cause: the schema carries Java-only properties (avro.java.string, java-class) that"
                    + " avro-maven-plugin adds to generated classes, and the version registered from the .avsc file does"
                    + " not. Fix: remove " + AvroSerdeConfig.AVRO_REMOVE_JAVA_PROPERTIES + "=false from the configuration"
                    + " (the default, true, strips them).";
        }
        return base + ". No version of the subject has exactly this schema: the application was built from a schema"
                + " that was never registered (a newer or edited .avsc). Fix: register it (avrogate register, or the"
                + " Maven plugin's register goal), or set " + AvroSerdeConfig.USE_LATEST_VERSION + "=true to write with"
                + " the subject's latest version.";
    }
}
