package io.avrogate.core;

import java.util.Locale;
import java.util.Optional;

/** The seven compatibility levels of the Confluent Schema Registry, with their exact meaning. */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /** Backward direction: the new schema, as reader, must read data written with the old one. */
    public boolean newReadsOld() { return newReadsOld; }

    /** Forward direction: the old schema, as reader, must read data written with the new one. */
    public boolean oldReadsNew() { return oldReadsNew; }

    /** Transitive levels check every previous version, newest first; the others only the latest. */
    public boolean transitive() { return transitive; }

    /** Parses a level name case-insensitively, trimming blanks, as the registry does. */
    public static Optional<CompatibilityLevel> parse(String text) {
        if (text == null) return Optional.empty();
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
