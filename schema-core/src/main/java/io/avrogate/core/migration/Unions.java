package io.avrogate.core.migration;

import org.apache.avro.Schema;

/** Small helpers for the common {@code ["null", T]} shape. */
final class Unions {
    private Unions() {}

    /** The single non-null branch of a union, or null when there is none or several. */
    static Schema nonNullBranch(Schema union) {
        Schema found = null;
        for (Schema branch : union.getTypes()) {
            if (branch.getType() == Schema.Type.NULL) continue;
            if (found != null) return null;
            found = branch;
        }
        return found;
    }

    static boolean acceptsNull(Schema schema) {
        if (schema.getType() == Schema.Type.NULL) return true;
        if (schema.getType() != Schema.Type.UNION) return false;
        return schema.getTypes().stream().anyMatch(b -> b.getType() == Schema.Type.NULL);
    }

    /** The schema itself, or for a union the single non-null branch (null when ambiguous). */
    static Schema valueSchema(Schema schema) {
        return schema.getType() == Schema.Type.UNION ? nonNullBranch(schema) : schema;
    }
}
