package io.avrogate.core.migration;

import java.util.Arrays;
import java.util.Optional;

/** A named value conversion a mapping may apply on the way from a source field to a target field. */
public enum Conversion {
    /** Avro's own resolution rules: same type, promotions, records by field name, enums by symbol, unions by branch. */
    NONE("none"),
    /** timestamp-micros (long) to timestamp-millis (long), rounding towards negative infinity. */
    MICROS_TO_MILLIS("micros-to-millis"),
    /** timestamp-millis (long) to timestamp-micros (long); fails on overflow. */
    MILLIS_TO_MICROS("millis-to-micros"),
    /** A long count of millionths to a decimal with the target's scale; fails if digits would be lost. */
    MICROS_TO_DECIMAL("micros-to-decimal"),
    /** A decimal to a long count of millionths; fails if digits would be lost or the value overflows. */
    DECIMAL_TO_MICROS("decimal-to-micros"),
    /** Any primitive or enum symbol to its string form. */
    TO_STRING("to-string"),
    /** long to int, double to float, with a range check. */
    NARROW("narrow");

    private final String yamlName;

    Conversion(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static Optional<Conversion> fromYaml(String name) {
        return Arrays.stream(values()).filter(c -> c.yamlName.equals(name)).findFirst();
    }
}
