package io.avrogate.serde;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * Decides whether Avro 1.12.2's collection-size check can reject valid data for a writer/reader pair (see
 * {@link ResolvingReaders}): that is possible only where an array's items or a map's values may need more bytes
 * under the reader schema than the writer actually wrote. Conservative: it compares an upper bound of the reader
 * element's minimum size with a lower bound of the writer's, so it may say "yes" needlessly but never misses a case.
 */
final class CollectionSizeCheck {
    private static final int UNBOUNDED = Integer.MAX_VALUE / 4;

    private CollectionSizeCheck() {}

    static boolean mayRejectValidData(Schema writer, Schema reader) {
        return affected(writer, reader, new HashSet<>());
    }

    private static boolean affected(Schema writer, Schema reader, Set<List<Schema>> seen) {
        if (!seen.add(List.of(writer, reader))) return false;
        if (writer.getType() == Schema.Type.UNION) {
            for (Schema branch : writer.getTypes()) if (affected(branch, reader, seen)) return true;
            return false;
        }
        switch (reader.getType()) {
            case UNION:
                for (Schema branch : reader.getTypes()) if (affected(writer, branch, seen)) return true;
                return false;
            case ARRAY:
                return writer.getType() == Schema.Type.ARRAY
                        && (readerMin(reader.getElementType()) > writerMin(writer.getElementType())
                        || affected(writer.getElementType(), reader.getElementType(), seen));
            case MAP:
                return writer.getType() == Schema.Type.MAP
                        && (readerMin(reader.getValueType()) > writerMin(writer.getValueType())
                        || affected(writer.getValueType(), reader.getValueType(), seen));
            case RECORD:
                if (writer.getType() != Schema.Type.RECORD) return false;
                for (Schema.Field field : reader.getFields()) {
                    Schema.Field written = writer.getField(field.name());
                    for (String alias : field.aliases()) if (written == null) written = writer.getField(alias);
                    if (written != null && affected(written.schema(), field.schema(), seen)) return true;
                }
                return false;
            default:
                return false;
        }
    }

    /** An upper bound of the least number of bytes a value of {@code schema} takes. */
    private static int readerMin(Schema schema) {
        return min(schema, true, new IdentityHashMap<>());
    }

    /** A lower bound of the least number of bytes a value of {@code schema} takes. */
    private static int writerMin(Schema schema) {
        return min(schema, false, new IdentityHashMap<>());
    }

    private static int min(Schema schema, boolean upper, Map<Schema, Boolean> visiting) {
        switch (schema.getType()) {
            case NULL: return 0;
            case FLOAT: return 4;
            case DOUBLE: return 8;
            case FIXED: return schema.getFixedSize();
            case UNION: {
                int bound = upper ? 0 : UNBOUNDED;
                for (Schema branch : schema.getTypes()) {
                    int size = min(branch, upper, visiting);
                    bound = upper ? Math.max(bound, size) : Math.min(bound, size);
                }
                return Math.min(UNBOUNDED, 1 + bound);
            }
            case RECORD: {
                if (visiting.put(schema, Boolean.TRUE) != null) return upper ? UNBOUNDED : 0;
                long sum = 0;
                for (Schema.Field field : schema.getFields()) sum += min(field.schema(), upper, visiting);
                visiting.remove(schema);
                return (int) Math.min(UNBOUNDED, sum);
            }
            default: return 1; // boolean, int, long, string, bytes, enum, array, map
        }
    }
}
