package io.avrogate.core.migration;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a mapping declares for a record whose target field cannot be produced (a value out of range, a null where the
 * old schema has none, a decimal needing more digits). Undeclared, such a record goes to the bridge's dead-letter
 * topic too, but the check warns: nobody said the old schema may lose it. Declared, the check expects it.
 */
public enum OnError {
    /** The record goes to the bridge's dead-letter topic, as the mapping's author intends. */
    DEAD_LETTER("dead-letter"),
    /** The target field takes its default and the record is translated; only for target fields with a default. */
    DEFAULT("default");

    private final String yamlName;

    OnError(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static Optional<OnError> fromYaml(String name) {
        return Arrays.stream(values()).filter(o -> o.yamlName.equals(name)).findFirst();
    }

    static String yamlNames() {
        return Arrays.stream(values()).map(OnError::yamlName).collect(Collectors.joining(", "));
    }
}
