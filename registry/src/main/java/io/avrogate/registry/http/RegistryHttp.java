package io.avrogate.registry.http;

import io.avrogate.registry.RegistryException;
import io.avrogate.registry.SchemaRegistry;
import io.avrogate.registry.ops.HealthCheck;
import io.avrogate.registry.ops.RegistryMetrics;
import io.avrogate.server.AccessLog;
import io.avrogate.server.HttpServer;
import io.avrogate.server.ReadinessCheck;
import io.avrogate.server.ServerSettings;
import io.avrogate.server.auth.AccessControl;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's HTTP face: content negotiation, the routes and their error bodies in Confluent's shape, on the
 * listener every avrogate service shares (server-common: TLS, limits, metrics, health, access log, graceful stop).
 */
public final class RegistryHttp {
    private static final Logger log = LoggerFactory.getLogger(RegistryHttp.class);
    /** The access log's logger, as before server-common: set it to WARN to silence the access log. */
    public static final String ACCESS_LOGGER = "io.avrogate.registry.access";
    static final String HEALTH_PATH = "/health";

    /** Thrown by the negotiation filter to stop a request before any handler runs. */
    private static final class Refused extends RuntimeException {
        final int status;

        Refused(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    private RegistryHttp() {}

    /**
     * Builds (without starting) the registry's listener on server-common: its limits, TLS, error bodies, access log
     * ({@value #ACCESS_LOGGER}), {@code /metrics}, {@code /health/live}, {@code /health/ready} and, as before,
     * {@code /health}.
     */
    public static HttpServer create(SchemaRegistry registry, RegistryMetrics metrics, HealthCheck health,
                                    ServerSettings settings, Duration stopTimeout, AccessControl accessControl) {
        RegistryRoutes routes = accessControl == null ? new RegistryRoutes(registry)
                : new RegistryRoutes(registry, accessControl::readableSubjects);
        HttpServer.Builder builder = HttpServer.builder("registry", settings)
                .metrics(metrics.server())
                .accessLogger(ACCESS_LOGGER)
                .stopTimeout(stopTimeout)
                .readiness("store", () -> {
                    HealthCheck.Status s = health.check();
                    return new ReadinessCheck.Result(s.healthy(), s.reason());
                });
        if (accessControl != null) builder.accessControl(accessControl, RegistryPermissions::of);
        return builder.routes(cfg -> {
            cfg.routes.before(ctx -> {
                if (ctx.path().equals(HttpServer.METRICS_PATH) || ctx.path().startsWith(HEALTH_PATH)) return;
                int refusal = Responses.negotiate(ctx);
                if (refusal != 0) throw new Refused(refusal);
            });
            cfg.routes.get(HEALTH_PATH, ctx -> {
                HealthCheck.Status s = health.check();
                var body = Json.MAPPER.createObjectNode().put("status", s.healthy() ? "UP" : "DOWN");
                if (s.reason() != null) body.put("reason", s.reason());
                body.putObject("store").put("appliedOffset", s.appliedOffset()).put("endOffset", s.endOffset());
                ctx.status(s.healthy() ? 200 : 503).contentType(Responses.JSON).result(Json.MAPPER.writeValueAsBytes(body));
            });
            routes.register(cfg.routes);

            cfg.routes.exception(Refused.class, (e, ctx) -> {
                if (e.status == 406) Responses.errorWithoutContentType(ctx, 406, "HTTP 406 Not Acceptable");
                else Responses.error(ctx, e.status, e.status, "HTTP 415 Unsupported Media Type");
            });
            cfg.routes.exception(RegistryException.class, (e, ctx) -> Responses.error(ctx, e.status(), e.errorCode(), e.getMessage()));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) ->
                    Responses.error(ctx, e.getStatus(), e.getStatus(), "HTTP " + e.getStatus() + " " + e.getMessage()));
            cfg.routes.exception(IllegalArgumentException.class, (e, ctx) -> {
                // Javalin decodes path parameters before any handler runs; Jetty lets "%u0041" through to it.
                if (e.getStackTrace().length > 0 && e.getStackTrace()[0].getClassName().equals("java.net.URLDecoder")) {
                    Responses.error(ctx, 400, 400, "Malformed percent-encoding in the path");
                } else {
                    unexpected(e, ctx);
                }
            });
            cfg.routes.exception(Exception.class, RegistryHttp::unexpected);
            cfg.routes.error(404, ctx -> {
                if (!Responses.written(ctx)) Responses.error(ctx, 404, 404, "HTTP 404 Not Found");
            });
            cfg.routes.error(405, ctx -> {
                if (!Responses.written(ctx)) Responses.error(ctx, 405, 405, "HTTP 405 Method Not Allowed");
            });
        }).build();
    }

    /** Nothing a client sends should land here; if something does, answer in shape and keep serving. */
    private static void unexpected(Exception e, Context ctx) {
        log.error("unexpected failure on {} {}", ctx.method(), AccessLog.safe(ctx.path()), e);
        Responses.error(ctx, 500, 50001, "Internal error: " + e.getClass().getSimpleName());
    }
}
