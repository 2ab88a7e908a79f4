package io.avrogate.registry.http;

import io.avrogate.registry.RegistryException;
import io.avrogate.registry.RegistryState;
import io.avrogate.registry.SchemaRegistry;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Javalin application: negotiation, the routes, error bodies in Confluent's shape, access logs. */
public final class RegistryHttp {
    private static final Logger log = LoggerFactory.getLogger(RegistryHttp.class);
    private static final Logger access = LoggerFactory.getLogger("io.avrogate.registry.access");

    /** Thrown by the negotiation filter to stop a request before any handler runs. */
    private static final class Refused extends RuntimeException {
        final int status;

        Refused(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    private RegistryHttp() {}

    public static Javalin create(SchemaRegistry registry, RegistryState state, long maxRequestBytes, String host, int port) {
        RegistryRoutes routes = new RegistryRoutes(registry);
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = host;
            cfg.jetty.port = port;
            cfg.http.maxRequestSize = maxRequestBytes;
            cfg.http.prefer405over404 = true;
            cfg.requestLogger.http((ctx, ms) -> {
                if (access.isDebugEnabled()) {
                    access.debug("{} {} {} {}ms", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(ms));
                }
            });
            cfg.routes.before(ctx -> {
                int refusal = Responses.negotiate(ctx);
                if (refusal != 0) throw new Refused(refusal);
            });
            cfg.routes.get("/health", ctx -> Responses.json(ctx, 200, Json.MAPPER.createObjectNode()
                    .put("status", "UP").put("subjects", state.subjectCount()).put("schemas", state.schemaCount())));
            routes.register(cfg.routes);

            cfg.routes.exception(Refused.class, (e, ctx) -> {
                if (e.status == 406) Responses.errorWithoutContentType(ctx, 406, "HTTP 406 Not Acceptable");
                else Responses.error(ctx, e.status, e.status, "HTTP 415 Unsupported Media Type");
            });
            cfg.routes.exception(RegistryException.class, (e, ctx) -> Responses.error(ctx, e.status(), e.errorCode(), e.getMessage()));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) ->
                    Responses.error(ctx, e.getStatus(), e.getStatus(), "HTTP " + e.getStatus() + " " + e.getMessage()));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                // Nothing a client sends should land here; if something does, answer in shape and keep serving.
                log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
                Responses.error(ctx, 500, 50001, "Internal error: " + e.getClass().getSimpleName());
            });
            cfg.routes.error(404, ctx -> {
                if (!Responses.written(ctx)) Responses.error(ctx, 404, 404, "HTTP 404 Not Found");
            });
            cfg.routes.error(405, ctx -> {
                if (!Responses.written(ctx)) Responses.error(ctx, 405, 405, "HTTP 405 Method Not Allowed");
            });
        });
    }
}
