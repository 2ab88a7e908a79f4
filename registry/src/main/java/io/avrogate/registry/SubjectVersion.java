package io.avrogate.registry;

/** One version of one subject: what identifies a {@link StoredVersion} and a {@code SCHEMA} record's key. */
public record SubjectVersion(String subject, int version) {}
