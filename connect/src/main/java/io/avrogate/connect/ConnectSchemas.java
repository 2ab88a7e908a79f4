package io.avrogate.connect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

/** Helpers over Connect schemas that Connect itself does not offer. */
final class ConnectSchemas {
    private ConnectSchemas() {}

    /** The same schema, not optional. */
    static Schema required(Schema schema) {
        Schema.Type type = schema.type();
        return new ConnectSchema(type, false, schema.defaultValue(), schema.name(), schema.version(), schema.doc(),
                schema.parameters(),
                type == Schema.Type.STRUCT ? schema.fields() : null,
                type == Schema.Type.MAP ? schema.keySchema() : null,
                type == Schema.Type.MAP || type == Schema.Type.ARRAY ? schema.valueSchema() : null);
    }

    /**
     * Structural equality that works across schema classes (built schemas, builders, recursive references) and
     * terminates on recursive schemas: a pair already being compared counts as equal.
     */
    static boolean equal(Schema a, Schema b) {
        return equal(a, b, new HashMap<>());
    }

    private record Pair(Schema a, Schema b) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Pair p && p.a == a && p.b == b;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(a) * 31 + System.identityHashCode(b);
        }
    }

    private static boolean equal(Schema a, Schema b, Map<Pair, Boolean> seen) {
        if (a == b) return true;
        if (a == null || b == null) return false;
        Pair pair = new Pair(a, b);
        Boolean known = seen.putIfAbsent(pair, true);
        if (known != null) return known;
        boolean equal = a.isOptional() == b.isOptional() && Objects.equals(a.version(), b.version())
                && Objects.equals(a.name(), b.name()) && Objects.equals(a.doc(), b.doc()) && a.type() == b.type()
                && Objects.deepEquals(a.defaultValue(), b.defaultValue())
                && Objects.equals(a.parameters(), b.parameters());
        if (equal) {
            equal = switch (a.type()) {
                case STRUCT -> fieldsEqual(a.fields(), b.fields(), seen);
                case ARRAY -> equal(a.valueSchema(), b.valueSchema(), seen);
                case MAP -> equal(a.keySchema(), b.keySchema(), seen) && equal(a.valueSchema(), b.valueSchema(), seen);
                default -> true;
            };
        }
        seen.put(pair, equal);
        return equal;
    }

    private static boolean fieldsEqual(List<Field> a, List<Field> b, Map<Pair, Boolean> seen) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            Field x = a.get(i);
            Field y = b.get(i);
            if (x.index() != y.index() || !x.name().equals(y.name()) || !equal(x.schema(), y.schema(), seen)) return false;
        }
        return true;
    }
}
