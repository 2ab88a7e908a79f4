package io.avrogate.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.registry.RegistryConfig;
import io.avrogate.registry.RegistryState;
import io.avrogate.registry.SchemaRegistry;
import io.avrogate.server.auth.Operation;
import io.avrogate.server.auth.Permission;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every route the registry registers has a deliberate permission, and each is the one the table below says. */
class RegistryPermissionsTest {
    private static final String S = "orders-value";

    /** The expected permission of every registry route, with subject orders-value, version 1 and id 7. */
    private static final Map<String, Permission> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /", Permission.AUTHENTICATED),
            Map.entry("POST /", Permission.AUTHENTICATED),
            Map.entry("GET /schemas/types", Permission.AUTHENTICATED),
            Map.entry("GET /schemas", Permission.AUTHENTICATED),
            Map.entry("GET /contexts", Permission.AUTHENTICATED),
            Map.entry("GET /schemas/ids/{id}", Permission.schemaId(7)),
            Map.entry("GET /schemas/ids/{id}/schema", Permission.schemaId(7)),
            Map.entry("GET /schemas/ids/{id}/subjects", Permission.schemaId(7)),
            Map.entry("GET /schemas/ids/{id}/versions", Permission.schemaId(7)),
            Map.entry("GET /subjects", Permission.AUTHENTICATED),
            Map.entry("POST /subjects/{subject}", Permission.subject(Operation.READ, S)),
            Map.entry("DELETE /subjects/{subject}", Permission.subject(Operation.WRITE, S)),
            Map.entry("GET /subjects/{subject}/versions", Permission.subject(Operation.READ, S)),
            Map.entry("GET /subjects/{subject}/metadata", Permission.subject(Operation.READ, S)),
            Map.entry("POST /subjects/{subject}/versions", Permission.subject(Operation.WRITE, S)),
            Map.entry("GET /subjects/{subject}/versions/{version}", Permission.subject(Operation.READ, S)),
            Map.entry("GET /subjects/{subject}/versions/{version}/schema", Permission.subject(Operation.READ, S)),
            Map.entry("GET /subjects/{subject}/versions/{version}/referencedby", Permission.subject(Operation.READ, S)),
            Map.entry("DELETE /subjects/{subject}/versions/{version}", Permission.subject(Operation.WRITE, S)),
            Map.entry("POST /compatibility/subjects/{subject}/versions/{version}", Permission.subject(Operation.READ, S)),
            Map.entry("POST /compatibility/subjects/{subject}/versions", Permission.subject(Operation.READ, S)),
            Map.entry("GET /config", Permission.global(Operation.READ)),
            Map.entry("PUT /config", Permission.global(Operation.ADMIN)),
            Map.entry("DELETE /config", Permission.global(Operation.ADMIN)),
            Map.entry("GET /config/{subject}", Permission.subject(Operation.READ, S)),
            Map.entry("PUT /config/{subject}", Permission.subject(Operation.ADMIN, S)),
            Map.entry("DELETE /config/{subject}", Permission.subject(Operation.ADMIN, S)),
            Map.entry("GET /mode", Permission.global(Operation.READ)),
            Map.entry("PUT /mode", Permission.global(Operation.ADMIN)),
            Map.entry("GET /mode/{subject}", Permission.subject(Operation.READ, S)),
            Map.entry("PUT /mode/{subject}", Permission.subject(Operation.ADMIN, S)),
            Map.entry("DELETE /mode/{subject}", Permission.subject(Operation.ADMIN, S))));

    private static final Map<String, String> PARAMS = Map.of("subject", S, "version", "1", "id", "7");

    /** The routes RegistryRoutes registers, read from a Javalin app it configured (not started). */
    static TreeSet<String> registeredRoutes() {
        SchemaRegistry registry = new SchemaRegistry(new RegistryState(), null,
                new RegistryConfig(Map.of(RegistryConfig.BOOTSTRAP_SERVERS, "localhost:9")));
        RegistryRoutes routes = new RegistryRoutes(registry);
        Javalin app = Javalin.create(cfg -> routes.register(cfg.routes));
        TreeSet<String> out = new TreeSet<>();
        app.unsafe.internalRouter.allHttpHandlers().forEach(parsed -> {
            HandlerType type = parsed.endpoint.method;
            if (type.isHttpMethod()) out.add(type.name() + " " + parsed.endpoint.path);
        });
        return out;
    }

    @Test
    void everyRegisteredRouteHasTheExpectedPermission() {
        TreeSet<String> registered = registeredRoutes();
        assertThat(registered).as("the table above lists exactly the registry's routes").isEqualTo(EXPECTED.keySet());
        for (String route : registered) {
            String[] methodAndPath = route.split(" ", 2);
            assertThat(RegistryPermissions.known(methodAndPath[0], methodAndPath[1])).as(route).isTrue();
            assertThat(RegistryPermissions.of(methodAndPath[0], methodAndPath[1], PARAMS, q -> null)).as(route)
                    .isEqualTo(EXPECTED.get(route));
        }
    }

    @Test
    void permanentDeletesNeedAdmin() {
        for (String route : new String[] {"/subjects/{subject}", "/subjects/{subject}/versions/{version}"}) {
            assertThat(RegistryPermissions.of("DELETE", route, PARAMS, q -> q.equals("permanent") ? " TRUE " : null))
                    .isEqualTo(Permission.subject(Operation.ADMIN, S));
            assertThat(RegistryPermissions.of("DELETE", route, PARAMS, q -> q.equals("permanent") ? "false" : null))
                    .isEqualTo(Permission.subject(Operation.WRITE, S));
        }
    }

    @Test
    void operationsEndpointsAndUnknownRoutes() {
        assertThat(RegistryPermissions.of("GET", "/health", Map.of(), q -> null)).isEqualTo(Permission.PUBLIC);
        assertThat(RegistryPermissions.of("GET", "/metrics", Map.of(), q -> null)).isEqualTo(Permission.service(Operation.READ, "metrics"));
        assertThat(RegistryPermissions.of("GET", "/schemas/ids/{id}", Map.of("id", "abc"), q -> null)).isEqualTo(Permission.AUTHENTICATED);
        assertThat(RegistryPermissions.of("PATCH", "/something/new", Map.of(), q -> null)).as("closed until decided")
                .isEqualTo(Permission.global(Operation.ADMIN));
        assertThat(RegistryPermissions.known("PATCH", "/something/new")).isFalse();
    }
}
