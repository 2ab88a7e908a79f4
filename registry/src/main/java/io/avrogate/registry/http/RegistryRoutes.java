package io.avrogate.registry.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.avrogate.registry.RegistryError;
import io.avrogate.registry.SchemaRegistry;
import io.avrogate.registry.SubjectSettings;
import io.avrogate.registry.StoredVersion;
import io.avrogate.registry.VersionId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * The Confluent REST API: small handlers, one per endpoint, grouped by resource. They translate HTTP to calls on
 * {@link SchemaRegistry} and {@link SubjectSettings} and nothing else.
 */
final class RegistryRoutes {
    private final SchemaRegistry registry;
    private final SubjectSettings settings;
    private final RenderedSchemas renderedById = new RenderedSchemas();

    RegistryRoutes(SchemaRegistry registry) {
        this.registry = registry;
        this.settings = registry.subjectSettings();
    }

    void register(RoutesConfig routes) {
        routes.get("/", ctx -> Responses.json(ctx, 200, Json.MAPPER.createObjectNode()));
        routes.post("/", ctx -> Responses.json(ctx, 200, Json.MAPPER.createObjectNode()));
        schemas(routes);
        subjects(routes);
        compatibility(routes);
        config(routes);
        mode(routes);
    }

    private void schemas(RoutesConfig routes) {
        routes.get("/schemas/types", ctx -> Responses.json(ctx, 200, Json.MAPPER.createArrayNode().add("AVRO")));
        routes.get("/schemas/ids/{id}", ctx -> {
            StoredVersion v = registry.schemaById(id(ctx));
            if (ctx.queryString() == null) {
                // The deserializers' hot path: the answer for an id never changes, so it is rendered once.
                Responses.bytes(ctx, 200, renderedById.get(v));
                return;
            }
            var body = Json.schemaString(v);
            if (flag(ctx, "fetchMaxId")) body.put("maxId", maxId());
            Responses.json(ctx, 200, body);
        });
        routes.get("/schemas/ids/{id}/schema", ctx -> Responses.rawSchema(ctx, registry.schemaById(id(ctx)).schema()));
        routes.get("/schemas/ids/{id}/subjects", ctx -> {
            ArrayNode out = Json.MAPPER.createArrayNode();
            registry.usersOfId(id(ctx), flag(ctx, "deleted")).stream().map(StoredVersion::subject).distinct().forEach(out::add);
            Responses.json(ctx, 200, out);
        });
        routes.get("/schemas/ids/{id}/versions", ctx -> {
            ArrayNode out = Json.MAPPER.createArrayNode();
            for (StoredVersion v : registry.usersOfId(id(ctx), flag(ctx, "deleted"))) {
                out.addObject().put("subject", v.subject()).put("version", v.version());
            }
            Responses.json(ctx, 200, out);
        });
    }

    private void subjects(RoutesConfig routes) {
        routes.get("/subjects", ctx -> Responses.json(ctx, 200, strings(registry.subjects(ctx.queryParam("subjectPrefix"),
                flag(ctx, "deleted"), flag(ctx, "deletedOnly")))));
        routes.post("/subjects/{subject}", ctx -> Responses.json(ctx, 200, Json.version(registry.lookup(subject(ctx),
                Json.registerRequest(ctx.bodyAsBytes()), flag(ctx, "normalize"), flag(ctx, "deleted")), true)));
        routes.delete("/subjects/{subject}", ctx -> Responses.json(ctx, 200,
                ints(registry.deleteSubject(subject(ctx), flag(ctx, "permanent")))));
        routes.get("/subjects/{subject}/versions", ctx -> Responses.json(ctx, 200,
                ints(registry.versionNumbers(subject(ctx), flag(ctx, "deleted"), flag(ctx, "deletedOnly")))));
        routes.post("/subjects/{subject}/versions", ctx -> {
            SchemaRegistry.Registered r = registry.register(subject(ctx), Json.registerRequest(ctx.bodyAsBytes()),
                    flag(ctx, "normalize"));
            Responses.json(ctx, 200, r.full() == null ? Json.MAPPER.createObjectNode().put("id", r.id())
                    : Json.version(r.full(), false));
        });
        routes.get("/subjects/{subject}/versions/{version}", ctx -> Responses.json(ctx, 200,
                Json.version(registry.version(subject(ctx), version(ctx), flag(ctx, "deleted")), true)));
        routes.get("/subjects/{subject}/versions/{version}/schema", ctx -> Responses.rawSchema(ctx,
                registry.version(subject(ctx), version(ctx), flag(ctx, "deleted")).schema()));
        routes.get("/subjects/{subject}/versions/{version}/referencedby", ctx -> Responses.json(ctx, 200,
                ints(registry.referencedBy(subject(ctx), version(ctx)))));
        routes.delete("/subjects/{subject}/versions/{version}", ctx -> Responses.json(ctx, 200,
                Json.MAPPER.getNodeFactory().numberNode(registry.deleteVersion(subject(ctx), version(ctx), flag(ctx, "permanent")))));
    }

    private void compatibility(RoutesConfig routes) {
        routes.post("/compatibility/subjects/{subject}/versions/{version}", ctx -> verdict(ctx, version(ctx)));
        routes.post("/compatibility/subjects/{subject}/versions", ctx -> verdict(ctx, null));
    }

    private void verdict(Context ctx, VersionId version) {
        boolean verbose = flag(ctx, "verbose");
        SchemaRegistry.Verdict v = registry.checkCompatibility(subject(ctx), version, Json.registerRequest(ctx.bodyAsBytes()),
                verbose, flag(ctx, "normalize"));
        var body = Json.MAPPER.createObjectNode().put("is_compatible", v.compatible());
        if (verbose) body.set("messages", strings(v.messages() == null ? List.of() : v.messages()));
        Responses.json(ctx, 200, body);
    }

    private void config(RoutesConfig routes) {
        routes.get("/config", ctx -> Responses.json(ctx, 200, settings.config(null, true)));
        routes.put("/config", ctx -> Responses.json(ctx, 200, settings.putConfig(null, Json.object(ctx.bodyAsBytes(), "ConfigUpdateRequest"))));
        routes.delete("/config", ctx -> Responses.json(ctx, 200, settings.deleteConfig(null)));
        routes.get("/config/{subject}", ctx -> Responses.json(ctx, 200, settings.config(subject(ctx), flag(ctx, "defaultToGlobal"))));
        routes.put("/config/{subject}", ctx -> Responses.json(ctx, 200,
                settings.putConfig(subject(ctx), Json.object(ctx.bodyAsBytes(), "ConfigUpdateRequest"))));
        routes.delete("/config/{subject}", ctx -> Responses.json(ctx, 200, settings.deleteConfig(subject(ctx))));
    }

    private void mode(RoutesConfig routes) {
        routes.get("/mode", ctx -> Responses.json(ctx, 200, settings.mode(null, true)));
        routes.put("/mode", ctx -> Responses.json(ctx, 200,
                settings.putMode(null, Json.object(ctx.bodyAsBytes(), "ModeUpdateRequest"), flag(ctx, "force"))));
        routes.get("/mode/{subject}", ctx -> Responses.json(ctx, 200, settings.mode(subject(ctx), flag(ctx, "defaultToGlobal"))));
        routes.put("/mode/{subject}", ctx -> Responses.json(ctx, 200,
                settings.putMode(subject(ctx), Json.object(ctx.bodyAsBytes(), "ModeUpdateRequest"), flag(ctx, "force"))));
        routes.delete("/mode/{subject}", ctx -> Responses.json(ctx, 200, settings.deleteMode(subject(ctx))));
    }

    private int maxId() {
        return registry.maxId();
    }

    private static String subject(Context ctx) {
        return ctx.pathParam("subject");
    }

    private static VersionId version(Context ctx) {
        return VersionId.parse(ctx.pathParam("version"));
    }

    /** A non-numeric id matches no route for Confluent (plain 404); an id naming nothing is SCHEMA_ID_NOT_FOUND. */
    private static int id(Context ctx) {
        try {
            return Integer.parseInt(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw RegistryError.ROUTE_NOT_FOUND.exception();
        }
    }

    private static boolean flag(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value != null && value.trim().equalsIgnoreCase("true");
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        values.forEach(out::add);
        return out;
    }

    private static ArrayNode ints(List<Integer> values) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        values.forEach(out::add);
        return out;
    }
}
