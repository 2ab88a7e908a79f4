package io.avrogate.server.auth;

import java.util.List;

/**
 * Who a request acts for: a user of the credentials file, a JWT's subject, a client certificate's mapped subject,
 * or {@link #ANONYMOUS_NAME} when it brought no credentials. Stored on the request as {@link #ATTRIBUTE}.
 *
 * @param name      the principal name the ACL matches
 * @param roles     the roles the ACL matches (from the credentials file or the token's roles claim)
 * @param anonymous whether the request brought no credentials (then it may only read)
 */
public record Principal(String name, List<String> roles, boolean anonymous) {
    public static final String ANONYMOUS_NAME = "ANONYMOUS";
    /** The request attribute holding the principal once authenticated. */
    public static final String ATTRIBUTE = "avrogate.principal";

    public Principal {
        roles = List.copyOf(roles);
    }

    static Principal anonymous(String role) {
        return new Principal(ANONYMOUS_NAME, role == null ? List.of() : List.of(role), true);
    }

    static Principal of(String name, List<String> roles) {
        return new Principal(name, roles, false);
    }
}
