package io.avrogate.serde;

import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;

/**
 * A value together with the schema to write it with, for values that do not carry their own schema: maps, unions,
 * logical-typed primitives ({@code {"type":"int","logicalType":"date"}}), or a primitive under a schema with
 * properties. The equivalent of Confluent's {@code io.confluent.kafka.serializers.NonRecordContainer}.
 *
 * <pre>new NonRecordContainer(mapSchema, Map.of("a", 1L))</pre>
 */
public final class NonRecordContainer implements GenericContainer {
    private final Schema schema;
    private final Object value;

    public NonRecordContainer(Schema schema, Object value) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.value = value;
    }

    @Override
    public Schema getSchema() {
        return schema;
    }

    public Object getValue() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NonRecordContainer other && schema.equals(other.schema) && Objects.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, value);
    }

    @Override
    public String toString() {
        return "NonRecordContainer{schema=" + schema + ", value=" + value + "}";
    }
}
