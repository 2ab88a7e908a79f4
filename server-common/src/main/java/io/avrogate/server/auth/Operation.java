package io.avrogate.server.auth;

/**
 * What a principal may do to a resource. Each includes the ones before it: a writer may read, an admin may write.
 * READ: look at it. WRITE: change its content (register a schema, delete a version, ingest into a topic).
 * ADMIN: change how it behaves or destroy it for good (config, mode, permanent delete, service control).
 */
public enum Operation {
    READ, WRITE, ADMIN;

    public boolean includes(Operation other) {
        return compareTo(other) >= 0;
    }
}
