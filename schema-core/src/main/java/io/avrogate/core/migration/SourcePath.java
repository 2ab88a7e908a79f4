package io.avrogate.core.migration;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * A dotted path into a source record ({@code ad.campaign_id}), resolved once against the source schema to field
 * positions, so reading it per record is a few array lookups. Nullable records on the way ({@code ["null", R]})
 * are stepped through; a null met on the way yields null.
 */
final class SourcePath {
    private final String text;
    private final int[] positions;
    private final Schema schema;
    private final boolean mayBeNull;

    private SourcePath(String text, int[] positions, Schema schema, boolean mayBeNull) {
        this.text = text;
        this.positions = positions;
        this.schema = schema;
        this.mayBeNull = mayBeNull;
    }

    /** Resolves {@code path} in {@code root}; the message of the exception says which segment is wrong. */
    static SourcePath resolve(Schema root, String path) {
        String[] segments = path.split("\\.");
        List<Integer> positions = new ArrayList<>();
        Schema current = root;
        boolean mayBeNull = false;
        StringBuilder walked = new StringBuilder();
        for (String segment : segments) {
            Schema record = current;
            if (record.getType() == Schema.Type.UNION) {
                record = Unions.nonNullBranch(record);
                mayBeNull = true;
            }
            if (record == null || record.getType() != Schema.Type.RECORD) {
                throw new IllegalArgumentException("'" + walked + "' is not a record, so it has no field '" + segment + "'");
            }
            Schema.Field field = record.getField(segment);
            if (field == null) {
                throw new IllegalArgumentException("the source has no field '" + (walked.length() == 0 ? "" : walked + ".")
                        + segment + "'");
            }
            positions.add(field.pos());
            current = field.schema();
            if (walked.length() > 0) walked.append('.');
            walked.append(segment);
        }
        int[] array = positions.stream().mapToInt(Integer::intValue).toArray();
        return new SourcePath(path, array, current, mayBeNull);
    }

    Object read(IndexedRecord record) {
        Object value = record;
        for (int position : positions) {
            if (value == null) return null;
            value = ((IndexedRecord) value).get(position);
        }
        return value;
    }

    /** The schema of the value at the end of the path. */
    Schema schema() {
        return schema;
    }

    /** True when a nullable record on the way can make the whole path null. */
    boolean mayBeNull() {
        return mayBeNull;
    }

    String text() {
        return text;
    }
}
