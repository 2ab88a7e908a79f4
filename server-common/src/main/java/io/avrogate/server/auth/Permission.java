package io.avrogate.server.auth;

import java.util.Objects;

/**
 * What a request needs: an {@link Operation} on a resource. A service computes one per request from its route
 * ({@code Context -> Permission}); {@link #PUBLIC} needs nothing, {@link #AUTHENTICATED} only a known principal.
 *
 * @param kind      the kind of resource
 * @param name      the resource's name: a subject, a topic, a service endpoint group; null for GLOBAL
 * @param operation what is done to it; null for PUBLIC and AUTHENTICATED
 */
public record Permission(Kind kind, String name, Operation operation) {
    public enum Kind {
        /** Anyone, even without credentials (liveness probes). */
        PUBLIC,
        /** Any principal that authenticated (or the anonymous role); what it sees may still be filtered. */
        AUTHENTICATED,
        /** A registry subject. */
        SUBJECT,
        /** The registry's global config and mode. */
        GLOBAL,
        /** A schema id: readable by whoever may read a subject that holds it. */
        SCHEMA_ID,
        /** A Kafka topic written through ingest. */
        TOPIC,
        /** A group of a service's own endpoints: "bridge", "consumer", "metrics". */
        SERVICE
    }

    public static final Permission PUBLIC = new Permission(Kind.PUBLIC, null, null);
    public static final Permission AUTHENTICATED = new Permission(Kind.AUTHENTICATED, null, null);

    public Permission {
        Objects.requireNonNull(kind, "kind");
        boolean bare = kind == Kind.PUBLIC || kind == Kind.AUTHENTICATED;
        if (bare != (operation == null)) throw new IllegalArgumentException(kind + (bare ? " takes no operation" : " needs an operation"));
        if ((kind == Kind.SUBJECT || kind == Kind.TOPIC || kind == Kind.SERVICE || kind == Kind.SCHEMA_ID) && name == null) {
            throw new IllegalArgumentException(kind + " needs a name");
        }
    }

    public static Permission subject(Operation operation, String subject) {
        return new Permission(Kind.SUBJECT, subject, operation);
    }

    public static Permission global(Operation operation) {
        return new Permission(Kind.GLOBAL, null, operation);
    }

    public static Permission schemaId(int id) {
        return new Permission(Kind.SCHEMA_ID, Integer.toString(id), Operation.READ);
    }

    public static Permission topic(Operation operation, String topic) {
        return new Permission(Kind.TOPIC, topic, operation);
    }

    public static Permission service(Operation operation, String service) {
        return new Permission(Kind.SERVICE, service, operation);
    }

    @Override
    public String toString() {
        if (operation == null) return kind.name();
        return operation + " on " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + (name == null ? "" : " '" + name + "'");
    }
}
