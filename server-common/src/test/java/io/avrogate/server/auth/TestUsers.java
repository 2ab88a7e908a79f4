package io.avrogate.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The roles of the authorization matrix every service tests against itself (shared through the test jar): a reader
 * and a writer of {@code orders-*} (subjects and ingest topics), an admin of everything, and an anonymous role that
 * may read {@code orders-*}. {@link #basicAuth} writes the credentials and ACL files and returns the listener settings.
 */
public final class TestUsers {
    public static final String READER = "reader";
    public static final String WRITER = "writer";
    public static final String ADMIN = "admin";
    public static final String ANONYMOUS_ROLE = "anonymous";

    public static final String ACL = """
            grants:
              - roles: [orders-readers]
                subjects: ["orders-*"]
                topics: ["orders-*"]
                operations: [READ]
              - roles: [orders-writers]
                subjects: ["orders-*"]
                topics: ["orders-*"]
                operations: [WRITE]
              - roles: [admins]
                subjects: ["*"]
                topics: ["*"]
                services: ["*"]
                global: true
                operations: [ADMIN]
              - roles: [anonymous]
                subjects: ["orders-*"]
                topics: ["orders-*"]
                operations: [ADMIN]   # the anonymous principal still only reads
            """;

    private TestUsers() {}

    /**
     * Writes {@code users} and {@code acl.yaml} into {@code dir} (once; the same files serve several listeners) and
     * returns the settings of BASIC authentication with them; {@code anonymousRole} lets requests without credentials
     * in as {@link #ANONYMOUS_ROLE}.
     */
    public static Map<String, Object> basicAuth(Path dir, boolean anonymousRole) throws IOException {
        Path users = dir.resolve("users");
        Path acl = dir.resolve("acl.yaml");
        if (!Files.exists(users)) {
            Map<String, List<String>> roles = new LinkedHashMap<>();
            roles.put(READER, List.of("orders-readers"));
            roles.put(WRITER, List.of("orders-writers"));
            roles.put(ADMIN, List.of("admins"));
            credentials(users, roles);
            Files.writeString(acl, ACL);
        }
        Map<String, Object> settings = new HashMap<>();
        settings.put(AuthConfig.METHOD, "BASIC");
        settings.put(AuthConfig.CREDENTIALS_FILE, users.toString());
        settings.put(AuthConfig.ACL_FILE, acl.toString());
        if (anonymousRole) settings.put(AuthConfig.ANONYMOUS_ROLE, ANONYMOUS_ROLE);
        return settings;
    }

    /** Writes a credentials file: user -> roles, password {@link #passwordOf}; cheap hashes so that tests stay fast. */
    public static Path credentials(Path file, Map<String, List<String>> usersAndRoles) throws IOException {
        String lines = usersAndRoles.entrySet().stream().map(e -> CredentialsFile.line(e.getKey(),
                PasswordHash.create(passwordOf(e.getKey()).toCharArray(), PasswordHash.MIN_ITERATIONS), e.getValue()))
                .collect(Collectors.joining("\n", "# test users\n", "\n"));
        Files.writeString(file, lines);
        return file;
    }

    public static String passwordOf(String user) {
        return user + "-pw";
    }

    /** The Authorization header value of HTTP Basic. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The Authorization header of a user of {@link #basicAuth}, or null for an anonymous request. */
    public static String basic(String user) {
        return user == null ? null : basic(user, passwordOf(user));
    }
}
