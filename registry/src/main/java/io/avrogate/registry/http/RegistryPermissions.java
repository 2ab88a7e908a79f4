package io.avrogate.registry.http;

import io.avrogate.registry.Contexts;
import io.avrogate.registry.RegistryException;
import io.avrogate.registry.SchemaRegistry;
import io.avrogate.registry.StoredVersion;
import io.avrogate.server.auth.AccessControl;
import io.avrogate.server.auth.Operation;
import io.avrogate.server.auth.Permission;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * What each registry route needs, for {@link AccessControl#handler(Function)}: reads of a subject need READ on it,
 * registering and soft deletes WRITE, config, mode and permanent deletes ADMIN; the global config and mode are
 * the GLOBAL resource; a schema id is readable through any readable subject that holds it. Lists of subjects
 * ({@code GET /subjects}, the subjects and versions of an id) are not denied but filtered with
 * {@link #readable(AccessControl, Context, List)}. A route missing here needs global ADMIN: a new endpoint is
 * closed until someone says who may use it.
 */
public final class RegistryPermissions {
    private RegistryPermissions() {}

    /** The permission for the request's matched route; install as a before-matched handler. */
    public static Permission of(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint == null) return Permission.global(Operation.ADMIN);
        Permission permission = of(ctx.method().name(), endpoint.path, ctx.pathParamMap(), ctx::queryParam);
        // An id is looked up in the context named by ?subject=:.ctx:...; the ACL's id-to-subject function knows the
        // default context only, so an id of another context is for global readers.
        if (permission.kind() == Permission.Kind.SCHEMA_ID && !Contexts.DEFAULT.equals(Contexts.of(ctx.queryParam("subject")))) {
            return Permission.global(Operation.READ);
        }
        return permission;
    }

    /**
     * The permission for a route template, its path parameters and its query parameters.
     *
     * @param method the HTTP method
     * @param route  the route template as registered, e.g. {@code /subjects/{subject}/versions}
     */
    static Permission of(String method, String route, Map<String, String> path, Function<String, String> query) {
        String subject = path.get("subject");
        Operation delete = flag(query.apply("permanent")) ? Operation.ADMIN : Operation.WRITE;
        return switch (method + " " + route) {
            case "GET /health", "GET /health/live", "GET /health/ready" -> Permission.PUBLIC;
            case "GET /metrics" -> Permission.service(Operation.READ, "metrics");
            // Lists: any principal may ask; the answer holds only what it may read (filtered by the route).
            case "GET /", "POST /", "GET /schemas/types", "GET /subjects", "GET /schemas", "GET /contexts" ->
                    Permission.AUTHENTICATED;
            case "GET /schemas/ids/{id}", "GET /schemas/ids/{id}/schema", "GET /schemas/ids/{id}/subjects",
                 "GET /schemas/ids/{id}/versions" -> schemaId(path.get("id"));
            case "POST /subjects/{subject}", "GET /subjects/{subject}/versions", "GET /subjects/{subject}/metadata",
                 "GET /subjects/{subject}/versions/{version}", "GET /subjects/{subject}/versions/{version}/schema",
                 "GET /subjects/{subject}/versions/{version}/referencedby",
                 "POST /compatibility/subjects/{subject}/versions/{version}",
                 "POST /compatibility/subjects/{subject}/versions",
                 "GET /config/{subject}", "GET /mode/{subject}" -> Permission.subject(Operation.READ, subject);
            case "POST /subjects/{subject}/versions" -> Permission.subject(Operation.WRITE, subject);
            case "DELETE /subjects/{subject}", "DELETE /subjects/{subject}/versions/{version}" ->
                    Permission.subject(delete, subject);
            case "PUT /config/{subject}", "DELETE /config/{subject}", "PUT /mode/{subject}", "DELETE /mode/{subject}" ->
                    Permission.subject(Operation.ADMIN, subject);
            case "GET /config", "GET /mode" -> Permission.global(Operation.READ);
            case "PUT /config", "DELETE /config", "PUT /mode" -> Permission.global(Operation.ADMIN);
            default -> Permission.global(Operation.ADMIN);
        };
    }

    /** Whether {@link #of(String, String, Map, Function)} knows the route (rather than closing it by default). */
    static boolean known(String method, String route) {
        Permission p = of(method, route, Map.of("subject", "s", "id", "1"), q -> null);
        return !p.equals(Permission.global(Operation.ADMIN)) || List.of("PUT /config", "DELETE /config", "PUT /mode")
                .contains(method + " " + route);
    }

    /** The subjects of a list the request's principal may read, in their order. */
    public static List<String> readable(AccessControl access, Context ctx, List<String> subjects) {
        return subjects.stream().filter(access.readableSubjects(ctx)).toList();
    }

    /** Every subject of the default context that holds the id, soft-deleted ones included (old records still need their schema). */
    public static IntFunction<Collection<String>> subjectsOfId(SchemaRegistry registry) {
        return id -> {
            try {
                return registry.usersOfId(Contexts.DEFAULT, id, true).stream().map(StoredVersion::subject).distinct().toList();
            } catch (RegistryException notFound) {
                return List.of();
            }
        };
    }

    /** A non-numeric id is no route match for Confluent (a plain 404, which the route answers). */
    private static Permission schemaId(String id) {
        try {
            return Permission.schemaId(Integer.parseInt(id));
        } catch (NumberFormatException e) {
            return Permission.AUTHENTICATED;
        }
    }

    /** The registry's reading of a boolean query parameter (RegistryRoutes.flag). */
    private static boolean flag(String value) {
        return value != null && value.trim().equalsIgnoreCase("true");
    }
}
