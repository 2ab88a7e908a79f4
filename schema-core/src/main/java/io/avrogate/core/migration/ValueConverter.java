package io.avrogate.core.migration;

/** Turns one source value into one target value; compiled once per field, called per record. */
@FunctionalInterface
interface ValueConverter {
    ValueConverter IDENTITY = value -> value;

    Object convert(Object value);
}
