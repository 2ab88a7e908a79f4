package io.avrogate.registry.http;

import io.avrogate.registry.RegistryException;
import io.avrogate.registry.SchemaRegistry;
import io.avrogate.registry.ops.HealthCheck;
import io.avrogate.registry.ops.RegistryMetrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Javalin application: negotiation, the routes, error bodies in Confluent's shape, and the operations
 * side (access log, request metrics, {@code /metrics}, {@code /health}, graceful stop).
 */
public final class RegistryHttp {
    private static final Logger log = LoggerFactory.getLogger(RegistryHttp.class);
    static final String METRICS_PATH = "/metrics";
    static final String HEALTH_PATH = "/health";

    /** Thrown by the negotiation filter to stop a request before any handler runs. */
    private static final class Refused extends RuntimeException {
        final int status;

        Refused(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    /** Where and how the server listens; {@code stopTimeoutMs} bounds how long a stop waits for in-flight requests. */
    public record Options(String host, int port, long maxRequestBytes, long stopTimeoutMs, int maxThreads) {}

    private RegistryHttp() {}

    public static Javalin create(SchemaRegistry registry, RegistryMetrics metrics, HealthCheck health, Options options) {
        RegistryRoutes routes = new RegistryRoutes(registry);
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = options.host();
            cfg.jetty.port = options.port();
            org.eclipse.jetty.util.thread.QueuedThreadPool threads = new org.eclipse.jetty.util.thread.QueuedThreadPool(
                    options.maxThreads(), Math.min(8, options.maxThreads()), 60_000);
            threads.setName("registry-http");
            cfg.jetty.threadPool = threads;
            cfg.http.maxRequestSize = options.maxRequestBytes();
            cfg.http.prefer405over404 = true;
            // Answers are small JSON, and Javalin's per-response check whether to compress cost ~8% of the
            // GET /schemas/ids/{id} hot path (see BENCHMARKS.md); Confluent does not compress either.
            cfg.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE;
            cfg.jetty.modifyServer(server -> {
                // Graceful stop: connectors stop accepting, then requests already running get up to stopTimeout to
                // finish before their connections are closed.
                server.insertHandler(new GracefulHandler());
                server.setStopTimeout(options.stopTimeoutMs());
                server.setErrorHandler(new JsonErrorHandler());
            });
            cfg.requestLogger.http((ctx, ms) -> {
                long nanos = (long) (ms * 1_000_000);
                AccessLog.request(ctx.method().name(), ctx.path(), ctx.statusCode(), nanos);
                metrics.recordRequest(ctx.method().name(), route(ctx), ctx.statusCode(), nanos);
            });
            cfg.routes.before(ctx -> {
                if (ctx.path().equals(METRICS_PATH) || ctx.path().equals(HEALTH_PATH)) return;
                int refusal = Responses.negotiate(ctx);
                if (refusal != 0) throw new Refused(refusal);
            });
            cfg.routes.get(METRICS_PATH, ctx -> {
                ctx.status(200);
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
                ctx.result(metrics.scrape().getBytes(StandardCharsets.UTF_8));
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
        });
    }

    /** Nothing a client sends should land here; if something does, answer in shape and keep serving. */
    private static void unexpected(Exception e, Context ctx) {
        log.error("unexpected failure on {} {}", ctx.method(), AccessLog.safe(ctx.path()), e);
        Responses.error(ctx, 500, 50001, "Internal error: " + e.getClass().getSimpleName());
    }

    /** The matched route template, so metrics have one series per endpoint whatever paths clients send. */
    private static String route(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoint();
            if (endpoint != null && endpoint.path != null && !endpoint.path.equals("*")) return endpoint.path;
        } catch (RuntimeException e) {
            // no endpoint matched
        }
        return "unmatched";
    }
}
