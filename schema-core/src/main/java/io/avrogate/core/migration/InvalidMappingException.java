package io.avrogate.core.migration;

/** A mapping file that is not well-formed YAML or does not follow the mapping format. */
public class InvalidMappingException extends RuntimeException {
    public InvalidMappingException(String message) { super(message); }
    public InvalidMappingException(String message, Throwable cause) { super(message, cause); }
}
