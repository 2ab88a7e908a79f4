package io.avrogate.bridge;

import org.apache.avro.Schema;

/**
 * The registry as the bridge needs it: writer schemas by id, and a subject's registered version with its id. The
 * bridge never registers anything: the old subject's schema must already be registered, and its id is looked up.
 */
public interface SchemaSource {

    /** A registered schema version: its global id, its version number in the subject, and the parsed schema. */
    record Registered(String subject, int version, int id, Schema schema) {}

    /**
     * The schema registered under this id.
     *
     * @throws UnknownSchemaException when the registry has no schema with this id
     */
    Schema byId(int id);

    /**
     * A subject's version; {@code version} null means the latest.
     *
     * @throws UnknownSchemaException when the subject or version is not registered
     */
    Registered version(String subject, Integer version);

    /** The registry says this schema, subject or version does not exist (as opposed to being unreachable). */
    class UnknownSchemaException extends RuntimeException {
        public UnknownSchemaException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
