package io.avrogate.registry.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.avrogate.registry.Contexts;
import io.avrogate.registry.RegistryError;
import io.avrogate.registry.SchemaListings;
import io.avrogate.registry.SchemaRegistry;
import io.avrogate.registry.SubjectSettings;
import io.avrogate.registry.StoredVersion;
import io.avrogate.registry.VersionId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The Confluent REST API: small handlers, one per endpoint, grouped by resource. They translate HTTP to calls on
 * {@link SchemaRegistry} and {@link SubjectSettings} and nothing else.
 */
final class RegistryRoutes {
    private final SchemaRegistry registry;
    private final SubjectSettings settings;
    private final SchemaListings listings;
    private final RenderedSchemas renderedById = new RenderedSchemas();
    /** Which subjects the request's principal may read: lists show only those (everything on an open registry). */
    private final Function<Context, Predicate<String>> readable;

    RegistryRoutes(SchemaRegistry registry) {
        this(registry, ctx -> subject -> true);
    }

    RegistryRoutes(SchemaRegistry registry, Function<Context, Predicate<String>> readable) {
        this.registry = registry;
        this.readable = readable;
        this.settings = registry.subjectSettings();
        this.listings = registry.listings();
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
        routes.get("/schemas", ctx -> {
            ArrayNode out = Json.MAPPER.createArrayNode();
            Predicate<String> mayRead = readable.apply(ctx);
            // Filtered after paging: a page may hold fewer entries for a principal that may not read them all.
            for (StoredVersion v : listings.schemas(ctx.queryParam("subjectPrefix"), flag(ctx, "deleted"),
                    flag(ctx, "latestOnly"), page(ctx))) {
                if (mayRead.test(v.subject())) out.add(Json.version(v, true, schemaText(ctx, v)));
            }
            Responses.json(ctx, 200, out);
        });
        routes.get("/schemas/ids/{id}", ctx -> {
            if (ctx.queryString() == null) {
                // The deserializers' hot path: the answer for an id never changes, so it is rendered once.
                Responses.bytes(ctx, 200, renderedById.get(registry.schemaById(Contexts.DEFAULT, id(ctx))));
                return;
            }
            StoredVersion v = registry.schemaById(idContext(ctx), id(ctx));
            var body = Json.schemaString(v, schemaText(ctx, v));
            if (flag(ctx, "fetchMaxId")) body.put("maxId", registry.maxId(idContext(ctx)));
            Responses.json(ctx, 200, body);
        });
        routes.get("/schemas/ids/{id}/schema", ctx -> {
            StoredVersion v = registry.schemaById(idContext(ctx), id(ctx));
            Responses.rawSchema(ctx, schemaText(ctx, v));
        });
        routes.get("/schemas/ids/{id}/subjects", ctx -> {
            ArrayNode out = Json.MAPPER.createArrayNode();
            registry.usersOfId(idContext(ctx), id(ctx), flag(ctx, "deleted")).stream().map(StoredVersion::subject)
                    .distinct().filter(readable.apply(ctx)).forEach(out::add);
            Responses.json(ctx, 200, out);
        });
        routes.get("/schemas/ids/{id}/versions", ctx -> {
            ArrayNode out = Json.MAPPER.createArrayNode();
            Predicate<String> mayRead = readable.apply(ctx);
            for (StoredVersion v : registry.usersOfId(idContext(ctx), id(ctx), flag(ctx, "deleted"))) {
                if (mayRead.test(v.subject())) out.addObject().put("subject", v.subject()).put("version", v.version());
            }
            Responses.json(ctx, 200, out);
        });
        routes.get("/contexts", ctx -> Responses.json(ctx, 200, strings(listings.contexts(page(ctx)))));
    }

    private void subjects(RoutesConfig routes) {
        routes.get("/subjects", ctx -> Responses.json(ctx, 200, strings(page(ctx).of(registry.subjects(
                ctx.queryParam("subjectPrefix"), flag(ctx, "deleted"), flag(ctx, "deletedOnly"))
                .stream().filter(readable.apply(ctx)).toList()))));
        routes.post("/subjects/{subject}", ctx -> {
            StoredVersion v = registry.lookup(subject(ctx), Json.registerRequest(ctx.bodyAsBytes()), flag(ctx, "normalize"),
                    flag(ctx, "deleted"));
            Responses.json(ctx, 200, Json.version(v, true, schemaText(ctx, v)));
        });
        routes.delete("/subjects/{subject}", ctx -> Responses.json(ctx, 200,
                ints(registry.deleteSubject(subject(ctx), flag(ctx, "permanent")))));
        routes.get("/subjects/{subject}/metadata", ctx -> {
            StoredVersion v = listings.latestWithMetadata(subject(ctx), metadataPairs(ctx), flag(ctx, "deleted"));
            Responses.json(ctx, 200, Json.version(v, true, schemaText(ctx, v)));
        });
        routes.get("/subjects/{subject}/versions", ctx -> Responses.json(ctx, 200,
                ints(registry.versionNumbers(subject(ctx), flag(ctx, "deleted"), flag(ctx, "deletedOnly")))));
        routes.post("/subjects/{subject}/versions", ctx -> {
            SchemaRegistry.Registered r = registry.register(subject(ctx), Json.registerRequest(ctx.bodyAsBytes()),
                    flag(ctx, "normalize"));
            Responses.json(ctx, 200, r.full() == null ? Json.MAPPER.createObjectNode().put("id", r.id())
                    : Json.version(r.full(), false));
        });
        routes.get("/subjects/{subject}/versions/{version}", ctx -> {
            StoredVersion v = registry.version(subject(ctx), version(ctx), flag(ctx, "deleted"));
            Responses.json(ctx, 200, Json.version(v, true, schemaText(ctx, v)));
        });
        routes.get("/subjects/{subject}/versions/{version}/schema", ctx -> Responses.rawSchema(ctx,
                schemaText(ctx, registry.version(subject(ctx), version(ctx), flag(ctx, "deleted")))));
        routes.get("/subjects/{subject}/versions/{version}/referencedby", ctx -> Responses.json(ctx, 200,
                ints(registry.referencedBy(subject(ctx), version(ctx)))));
        routes.delete("/subjects/{subject}/versions/{version}", ctx -> Responses.json(ctx, 200,
                Json.MAPPER.getNodeFactory().numberNode(registry.deleteVersion(subject(ctx), version(ctx), flag(ctx, "permanent")))));
    }

    /** The schema text to answer with: the stored one, or with {@code format=resolved} the referenced types inlined. */
    private String schemaText(Context ctx, StoredVersion v) {
        return "resolved".equals(ctx.queryParam("format")) ? registry.resolvedSchema(v) : v.schema();
    }

    /** The context an id is looked up in: the one of the {@code subject} parameter (default context without it). */
    private static String idContext(Context ctx) {
        return Contexts.of(ctx.queryParam("subject"));
    }

    /** The {@code key}/{@code value} parameters, paired in order; a key without a value is ignored, as Confluent does. */
    private static Map<String, String> metadataPairs(Context ctx) {
        List<String> keys = ctx.queryParams("key");
        List<String> values = ctx.queryParams("value");
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(keys.size(), values.size()); i++) pairs.put(keys.get(i), values.get(i));
        return pairs;
    }

    private static SchemaListings.Page page(Context ctx) {
        return new SchemaListings.Page(integer(ctx, "offset", 0), integer(ctx, "limit", -1));
    }

    private static int integer(Context ctx, String name, int fallback) {
        String value = ctx.queryParam(name);
        if (value == null) return fallback;
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
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
