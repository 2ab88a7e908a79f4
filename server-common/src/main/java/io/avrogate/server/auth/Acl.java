package io.avrogate.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * The ACL file: grants, nothing else; what no grant allows is denied. A grant names who (principals and/or roles)
 * may do which operations (an operation includes the lesser ones) on which resources:
 * <pre>
 * grants:
 *   - roles: [orders-writers]          # or principals: [alice, "CN=ingest,OU=services"]
 *     subjects: ["orders-*"]           # literal names or globs with '*'
 *     operations: [WRITE]
 *   - roles: [admins]
 *     subjects: ["*"]
 *     global: true                     # the global config and mode
 *     operations: [ADMIN]
 *   - principals: [ingest]
 *     topics: [orders]
 *     operations: [WRITE]
 *   - roles: [ops]
 *     services: [bridge, consumer, metrics]
 *     operations: [ADMIN]
 * </pre>
 * Schema ids are not granted directly: one is readable by whoever may read a subject that holds it (an id that no
 * subject holds, by whoever may read the global config, so that they get the registry's 404).
 */
final class Acl {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    record File(@JsonProperty("grants") List<GrantSpec> grants) {}

    record GrantSpec(@JsonProperty("principals") List<String> principals, @JsonProperty("roles") List<String> roles,
                     @JsonProperty("subjects") List<String> subjects, @JsonProperty("topics") List<String> topics,
                     @JsonProperty("services") List<String> services, @JsonProperty("global") Boolean global,
                     @JsonProperty("operations") List<Operation> operations) {}

    /** One grant, compiled. */
    private record Grant(List<Pattern> principals, List<Pattern> roles, List<Pattern> subjects, List<Pattern> topics,
                         List<Pattern> services, boolean global, Operation operation) {
        boolean appliesTo(Principal p) {
            return principals.stream().anyMatch(m -> m.matcher(p.name()).matches())
                    || p.roles().stream().anyMatch(r -> roles.stream().anyMatch(m -> m.matcher(r).matches()));
        }

        boolean covers(Permission permission) {
            if (!operation.includes(permission.operation())) return false;
            return switch (permission.kind()) {
                case SUBJECT -> matches(subjects, permission.name());
                case TOPIC -> matches(topics, permission.name());
                case SERVICE -> matches(services, permission.name());
                case GLOBAL -> global;
                default -> false;
            };
        }

        private static boolean matches(List<Pattern> patterns, String name) {
            return patterns.stream().anyMatch(m -> m.matcher(name).matches());
        }
    }

    private final List<Grant> grants;

    private Acl(List<Grant> grants) {
        this.grants = grants;
    }

    static Acl parse(Path file, byte[] content) {
        File parsed;
        try {
            parsed = YAML.readValue(content, File.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
        if (parsed == null || parsed.grants() == null) throw new IllegalArgumentException(file + ": no 'grants' list");
        List<Grant> grants = new java.util.ArrayList<>();
        for (int i = 0; i < parsed.grants().size(); i++) {
            grants.add(compile(parsed.grants().get(i), file + " grant " + (i + 1)));
        }
        return new Acl(List.copyOf(grants));
    }

    private static Grant compile(GrantSpec spec, String where) {
        if (spec == null) throw new IllegalArgumentException(where + ": empty");
        List<Pattern> principals = globs(spec.principals(), where);
        List<Pattern> roles = globs(spec.roles(), where);
        if (principals.isEmpty() && roles.isEmpty()) throw new IllegalArgumentException(where + ": names no principals or roles");
        boolean global = Boolean.TRUE.equals(spec.global());
        List<Pattern> subjects = globs(spec.subjects(), where);
        List<Pattern> topics = globs(spec.topics(), where);
        List<Pattern> services = globs(spec.services(), where);
        if (!global && subjects.isEmpty() && topics.isEmpty() && services.isEmpty()) {
            throw new IllegalArgumentException(where + ": names no subjects, topics, services or global");
        }
        if (spec.operations() == null || spec.operations().isEmpty() || spec.operations().contains(null)) {
            throw new IllegalArgumentException(where + ": needs operations (READ, WRITE or ADMIN)");
        }
        Operation strongest = spec.operations().stream().max(Enum::compareTo).orElseThrow();
        return new Grant(principals, roles, subjects, topics, services, global, strongest);
    }

    private static List<Pattern> globs(List<String> names, String where) {
        if (names == null) return List.of();
        return names.stream().map(n -> {
            if (n == null || n.isBlank()) throw new IllegalArgumentException(where + ": an empty name");
            return glob(n);
        }).toList();
    }

    /** A literal name, or a glob where '*' stands for any run of characters ("orders-*", "*-value", "*"). */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        String[] parts = glob.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) regex.append(".*");
            if (!parts[i].isEmpty()) regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** Whether the principal may do what the permission says; anonymous principals only ever read. */
    boolean allows(Principal principal, Permission permission, IntFunction<Collection<String>> subjectsOfId) {
        switch (permission.kind()) {
            case PUBLIC, AUTHENTICATED:
                return true;
            case SCHEMA_ID:
                Collection<String> subjects = subjectsOfId.apply(Integer.parseInt(permission.name()));
                // An id no subject holds: whoever may read the global settings gets the honest 404.
                if (subjects == null || subjects.isEmpty()) return allows(principal, Permission.global(Operation.READ), subjectsOfId);
                return subjects.stream().anyMatch(s ->
                        allows(principal, Permission.subject(Operation.READ, s), subjectsOfId));
            default:
                if (principal.anonymous() && permission.operation() != Operation.READ) return false;
                return grants.stream().anyMatch(g -> g.appliesTo(principal) && g.covers(permission));
        }
    }
}
