package io.avrogate.connect;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

/**
 * A reference back to a struct that is still being built: how a recursive Avro record (a linked list, a tree)
 * becomes a Connect schema, which has no references of its own. Everything but optionality is read from the target.
 */
final class RecursiveSchema implements Schema {
    private final Schema target;
    private final boolean optional;

    RecursiveSchema(Schema target, boolean optional) {
        this.target = target;
        this.optional = optional;
    }

    @Override public Type type() { return target.type(); }
    @Override public boolean isOptional() { return optional; }
    @Override public Object defaultValue() { return target.defaultValue(); }
    @Override public String name() { return target.name(); }
    @Override public Integer version() { return target.version(); }
    @Override public String doc() { return target.doc(); }
    @Override public Map<String, String> parameters() { return target.parameters(); }
    @Override public Schema keySchema() { return target.keySchema(); }
    @Override public Schema valueSchema() { return target.valueSchema(); }
    @Override public List<Field> fields() { return target.fields(); }
    @Override public Field field(String name) { return target.field(name); }
    @Override public Schema schema() { return target; }

    // Identity of the target only: comparing structure here would recurse forever.
    @Override
    public boolean equals(Object o) {
        return o instanceof RecursiveSchema other && optional == other.optional && target == other.target;
    }

    @Override
    public int hashCode() {
        return Objects.hash(optional, System.identityHashCode(target));
    }

    @Override
    public String toString() {
        return "RecursiveSchema{" + target.name() + (optional ? ", optional" : "") + "}";
    }
}
