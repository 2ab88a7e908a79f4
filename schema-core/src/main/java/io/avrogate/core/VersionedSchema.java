package io.avrogate.core;

import org.apache.avro.Schema;

/** One registered (or released) version of a subject: its 1-based version number and its parsed schema. */
public record VersionedSchema(int version, Schema schema) {}
