package io.avrogate.registry;

import java.util.Optional;

/** A registry mode, global or per subject, with Confluent's names (the {@code mode} of {@code /mode}). */
public enum Mode {
    READWRITE,
    /** No registrations, deletes or subject config changes. */
    READONLY,
    /** Accepted as Confluent accepts it; here it is read-only exactly like {@link #READONLY}. */
    READONLY_OVERRIDE,
    /** Registrations must bring their id (and may bring their version); used to copy another registry. */
    IMPORT;

    public boolean readOnly() {
        return this == READONLY || this == READONLY_OVERRIDE;
    }

    /** The mode of exactly this name (already upper-cased), or empty. */
    public static Optional<Mode> named(String name) {
        for (Mode m : values()) {
            if (m.name().equals(name)) return Optional.of(m);
        }
        return Optional.empty();
    }
}
