package io.avrogate.check;

/** A reference from one subject's schema to a named type registered under another subject (Confluent's shape). */
public record SchemaReference(String name, String subject, int version) {}
