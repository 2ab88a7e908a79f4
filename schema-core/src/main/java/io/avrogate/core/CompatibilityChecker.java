package io.avrogate.core;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * Confluent Schema Registry's compatibility semantics, built on Avro's own reader/writer resolution
 * ({@link org.apache.avro.SchemaCompatibility}): which versions a level checks, in which direction, newest to
 * oldest stopping at the first failure.
 *
 * <p>Messages follow Confluent 7.9: for a failing version, the forward-direction messages come first, then the
 * backward ones; the {@code {oldSchemaVersion: n}} and {@code {oldSchema: '...'}} trailer follows a failing
 * BACKWARD or FORWARD check, but under FULL levels only a failing backward part earns it.
 */
public final class CompatibilityChecker {
    /** Confluent cuts the old schema in messages after this many characters. */
    static final int OLD_SCHEMA_MESSAGE_LIMIT = 10 * 1024;

    /**
     * Checks {@code candidate} against {@code previous} (oldest first, deleted versions already left out).
     * An empty history is always compatible (a brand-new subject).
     */
    public CompatibilityResult check(Schema candidate, List<VersionedSchema> previous, CompatibilityLevel level) {
        if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
            return CompatibilityResult.ok(level);
        }
        for (int i = previous.size() - 1; i >= 0; i--) {
            VersionedSchema old = previous.get(i);
            List<Incompatibility> forward = level.oldReadsNew()
                    ? readerCannotRead(old.schema(), candidate, Direction.OLD_READS_NEW, old.version())
                    : List.of();
            List<Incompatibility> backward = level.newReadsOld()
                    ? readerCannotRead(candidate, old.schema(), Direction.NEW_READS_OLD, old.version())
                    : List.of();
            if (!forward.isEmpty() || !backward.isEmpty()) {
                return failure(level, old, forward, backward);
            }
            if (!level.transitive()) {
                break;
            }
        }
        return CompatibilityResult.ok(level);
    }

    /** Checks a single reader/writer pair, outside any level: what a reader on {@code reader} cannot read. */
    public List<Incompatibility> readerCannotRead(Schema reader, Schema writer, Direction direction, int oldVersion) {
        SchemaCompatibility.SchemaPairCompatibility pair;
        try {
            pair = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        } catch (RuntimeException e) {
            // Avro throws (rather than reports) e.g. when one reader alias names two writer fields;
            // Confluent turns that into an incompatibility with this wording, and so do we.
            return List.of(IncompatibilityDescriber.unexpected(direction, oldVersion, e));
        }
        List<SchemaCompatibility.Incompatibility> found = pair.getResult().getIncompatibilities();
        List<Incompatibility> out = new ArrayList<>(found.size());
        for (SchemaCompatibility.Incompatibility incompatibility : found) {
            out.add(IncompatibilityDescriber.describe(incompatibility, reader, writer, direction, oldVersion));
        }
        return out;
    }

    private static CompatibilityResult failure(
            CompatibilityLevel level, VersionedSchema old, List<Incompatibility> forward, List<Incompatibility> backward) {
        List<Incompatibility> all = new ArrayList<>(forward.size() + backward.size());
        all.addAll(forward);
        all.addAll(backward);
        List<String> messages = new ArrayList<>(all.size() + 2);
        for (Incompatibility incompatibility : all) {
            messages.add(incompatibility.confluentMessage());
        }
        boolean fullLevel = level.newReadsOld() && level.oldReadsNew();
        if (!fullLevel || !backward.isEmpty()) {
            messages.add("{oldSchemaVersion: " + old.version() + "}");
            messages.add("{oldSchema: '" + truncate(AvroSchemas.compactForm(old.schema())) + "'}");
        }
        return new CompatibilityResult(false, level, List.copyOf(all), List.copyOf(messages));
    }

    private static String truncate(String schemaText) {
        return schemaText.length() <= OLD_SCHEMA_MESSAGE_LIMIT
                ? schemaText
                : schemaText.substring(0, OLD_SCHEMA_MESSAGE_LIMIT) + "...<truncated>";
    }
}
