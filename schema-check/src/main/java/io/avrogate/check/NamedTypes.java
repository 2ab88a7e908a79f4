package io.avrogate.check;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/** Walks a schema's named types (records, enums, fixed), nested ones included. */
final class NamedTypes {
    private NamedTypes() {}

    static void collect(Schema schema, Set<String> names) {
        visit(schema, Collections.newSetFromMap(new IdentityHashMap<>()), s -> names.add(s.getFullName()));
    }

    static void collect(Schema schema, Map<String, Schema> byName) {
        visit(schema, Collections.newSetFromMap(new IdentityHashMap<>()), s -> byName.putIfAbsent(s.getFullName(), s));
    }

    private static void visit(Schema schema, Set<Schema> seen, java.util.function.Consumer<Schema> named) {
        switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> {
                if (!seen.add(schema)) return;
                named.accept(schema);
                if (schema.getType() == Schema.Type.RECORD) {
                    schema.getFields().forEach(f -> visit(f.schema(), seen, named));
                }
            }
            case ARRAY -> visit(schema.getElementType(), seen, named);
            case MAP -> visit(schema.getValueType(), seen, named);
            case UNION -> schema.getTypes().forEach(t -> visit(t, seen, named));
            default -> { }
        }
    }
}
