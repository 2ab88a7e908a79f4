package io.avrogate.serde;

import java.util.Map;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.config.ConfigException;

/** Turns a configured strategy name into a strategy: our names, Confluent's class names as aliases, or a class. */
final class SubjectNameStrategies {
    private static final Map<String, SubjectNameStrategy> BUILT_IN = Map.of(
            "TopicNameStrategy", new TopicNameStrategy(),
            "RecordNameStrategy", new RecordNameStrategy(),
            "TopicRecordNameStrategy", new TopicRecordNameStrategy());
    private static final String[] BUILT_IN_PACKAGES = {
            "io.avrogate.serde.",
            // Confluent's class names, so a config written for KafkaAvroSerializer can be swapped in unchanged.
            "io.confluent.kafka.serializers.subject."};

    private SubjectNameStrategies() {}

    static SubjectNameStrategy create(String key, String name, Map<String, ?> configs) {
        String trimmed = name.trim();
        for (String prefix : BUILT_IN_PACKAGES) {
            String simple = trimmed.startsWith(prefix) ? trimmed.substring(prefix.length()) : trimmed;
            SubjectNameStrategy builtIn = BUILT_IN.get(simple);
            if (builtIn != null) return builtIn;
        }
        Class<?> type;
        try {
            type = Class.forName(trimmed, true, classLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigException(key, name, "no such subject name strategy: use TopicNameStrategy,"
                    + " RecordNameStrategy, TopicRecordNameStrategy or the name of a SubjectNameStrategy class");
        }
        if (!SubjectNameStrategy.class.isAssignableFrom(type)) {
            throw new ConfigException(key, name, "class does not implement " + SubjectNameStrategy.class.getName());
        }
        try {
            SubjectNameStrategy strategy = (SubjectNameStrategy) type.getConstructor().newInstance();
            if (strategy instanceof Configurable configurable) configurable.configure(configs);
            return strategy;
        } catch (ReflectiveOperationException e) {
            throw new ConfigException(key, name, "cannot create it (a public no-argument constructor is needed): " + e);
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : SubjectNameStrategies.class.getClassLoader();
    }
}
