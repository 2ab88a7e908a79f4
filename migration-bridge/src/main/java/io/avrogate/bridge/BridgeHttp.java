package io.avrogate.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.avrogate.server.HttpServer;
import io.avrogate.server.ReadinessCheck;
import io.avrogate.server.ServerSettings;
import io.avrogate.server.auth.AccessControl;
import io.avrogate.server.auth.Operation;
import io.avrogate.server.auth.Permission;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health} (JSON, 200 while the loop runs and polls, 503 otherwise) and {@code GET /metrics} (Prometheus
 * text), the same endpoints the registry serves, on the listener every avrogate service shares (server-common).
 * With access control, {@code /health} needs READ on the service {@code bridge} (it names the mapping and carries
 * the loop's failure; probes without credentials have {@code /health/ready}, which says the same UP or DOWN), and
 * any other route of the bridge ADMIN on it.
 */
public final class BridgeHttp implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A loop that has not polled for this long is reported unhealthy (stuck, or stalled on a broker). */
    private static final long STALE_POLL_MS = 60_000;

    /** The service name the ACL grants the bridge's endpoints under. */
    public static final String SERVICE = "bridge";

    private final HttpServer server;

    private BridgeHttp(HttpServer server) {
        this.server = server;
    }

    public static BridgeHttp start(String host, int port, String mapping, BridgeMetrics metrics) {
        return start(host, port, mapping, metrics, Map.of());
    }

    /** As {@link #start(String, int, String, BridgeMetrics)}, ready only while every one of {@code dependencies} is. */
    public static BridgeHttp start(String host, int port, String mapping, BridgeMetrics metrics,
                                   Map<String, ReadinessCheck> dependencies) {
        String listenHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return start(ServerSettings.parse(Map.of(), "http://" + listenHost + ":" + port, BridgeConfig.MAX_REQUEST_BYTES),
                null, mapping, metrics, dependencies);
    }

    public static BridgeHttp start(ServerSettings settings, String mapping, BridgeMetrics metrics) {
        return start(settings, null, mapping, metrics, Map.of());
    }

    public static BridgeHttp start(ServerSettings settings, AccessControl access, String mapping, BridgeMetrics metrics) {
        return start(settings, access, mapping, metrics, Map.of());
    }

    /** What each of the bridge's routes needs (server-common decides {@code /metrics} and the probes). */
    static Permission permission(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        String route = endpoint == null ? "" : ctx.method().name() + " " + endpoint.path;
        return route.equals("GET /health") ? Permission.service(Operation.READ, SERVICE)
                : Permission.service(Operation.ADMIN, SERVICE);
    }

    /**
     * Starts the listener on server-common: {@code /health} as before, {@code /metrics} (the bridge's series plus the
     * JVM's and the HTTP requests'), {@code /health/live} and {@code /health/ready} (ready while the loop runs and polls).
     *
     * {@code /health/ready} also asks every one of {@code dependencies} (e.g. "kafka", "registry").
     *
     * @param access who may use the endpoints; null for none (everything open)
     */
    public static BridgeHttp start(ServerSettings settings, AccessControl access, String mapping, BridgeMetrics metrics,
                                   Map<String, ReadinessCheck> dependencies) {
        HttpServer.Builder builder = HttpServer.builder("bridge", settings);
        if (access != null) builder.accessControl(access, BridgeHttp::permission);
        dependencies.forEach(builder::readiness);
        HttpServer server = builder
                .metrics(metrics.serverMetrics())
                .readiness("loop", () -> {
                    Map<String, Object> body = health(mapping, metrics);
                    return "UP".equals(body.get("status")) ? ReadinessCheck.Result.ok()
                            : ReadinessCheck.Result.notReady("bridge loop " + body.get("state"));
                })
                .routes(cfg -> cfg.routes.get("/health", ctx -> {
                    Map<String, Object> body = health(mapping, metrics);
                    ctx.status("UP".equals(body.get("status")) ? 200 : 503)
                            .contentType("application/json").result(JSON.writeValueAsString(body));
                }))
                .start();
        return new BridgeHttp(server);
    }

    public int port() {
        return server.port();
    }

    static Map<String, Object> health(String mapping, BridgeMetrics m) {
        boolean polling = System.currentTimeMillis() - m.lastPollMillis() < STALE_POLL_MS;
        boolean up = "RUNNING".equals(m.state()) && polling;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("state", m.state());
        if (!m.failure().isEmpty()) body.put("failure", m.failure());
        body.put("mapping", mapping);
        body.put("translated", m.translated());
        body.put("deadLettered", m.deadLettered());
        body.put("skippedBridged", m.skippedBridged());
        body.put("lag", m.lag());
        return body;
    }

    @Override
    public void close() {
        server.close();
    }
}
