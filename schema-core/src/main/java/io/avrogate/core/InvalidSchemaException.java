package io.avrogate.core;

/**
 * A schema text that cannot be used: not JSON, not valid Avro, a bad default (when defaults are validated),
 * or an unresolvable reference. The registry maps this to 422/42201; the checker reports it as a failure.
 */
public class InvalidSchemaException extends RuntimeException {
    public InvalidSchemaException(String message, Throwable cause) { super(message, cause); }
    public InvalidSchemaException(String message) { super(message); }
}
