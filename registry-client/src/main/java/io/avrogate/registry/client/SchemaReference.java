package io.avrogate.registry.client;

/**
 * A reference from a schema to a named type registered under another subject, as the registry API carries it.
 *
 * @param name    for Avro, the full name of the referenced type as the referring schema uses it
 * @param version a version number, or -1 for the subject's latest
 */
public record SchemaReference(String name, String subject, int version) {}
