package io.avrogate.core;

import org.apache.avro.Schema;

/**
 * Schema identity that survives cosmetic differences: property order and {@code avro.java.string}
 * (added by avro-maven-plugin) do not make two schemas different. Used for {@code normalize=true},
 * for client cache keys, and for the checker's immutability rule.
 */
public final class SchemaIdentity {
    private SchemaIdentity() {}

    /** A deterministic JSON rendering with object keys sorted and {@code avro.java.string} removed. */
    public static String normalizedForm(Schema schema) {
        throw new UnsupportedOperationException("in progress");
    }

    /** SHA-256 of {@link #normalizedForm}, lower-case hex. */
    public static String fingerprint(Schema schema) {
        throw new UnsupportedOperationException("in progress");
    }

    /** True when the two schemas have the same normalized form. */
    public static boolean equivalent(Schema a, Schema b) {
        return normalizedForm(a).equals(normalizedForm(b));
    }
}
