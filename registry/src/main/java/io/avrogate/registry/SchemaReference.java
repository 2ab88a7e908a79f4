package io.avrogate.registry;

/** A reference from a schema to a named type registered under another subject. */
public record SchemaReference(String name, String subject, int version) {
    @Override
    public String toString() {
        return "{name='" + name + "', subject='" + subject + "', version=" + version + "}";
    }
}
