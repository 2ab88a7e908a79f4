package io.avrogate.registry.client;

/**
 * One version of a subject, as answered by {@code GET /subjects/{s}/versions/{v}} and by a lookup
 * ({@code POST /subjects/{s}}).
 */
public record SubjectVersion(String subject, int version, int id, SchemaContent content) {}
