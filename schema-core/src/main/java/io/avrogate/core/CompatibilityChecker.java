package io.avrogate.core;

import java.util.List;
import org.apache.avro.Schema;

/**
 * Confluent Schema Registry's compatibility semantics, built on Avro's own reader/writer resolution
 * ({@link org.apache.avro.SchemaCompatibility}): which versions a level checks, in which direction, newest to
 * oldest stopping at the first failure.
 */
public final class CompatibilityChecker {

    /**
     * Checks {@code candidate} against {@code previous} (oldest first, deleted versions already left out).
     * An empty history is always compatible (a brand-new subject).
     */
    public CompatibilityResult check(Schema candidate, List<VersionedSchema> previous, CompatibilityLevel level) {
        throw new UnsupportedOperationException("in progress");
    }
}
