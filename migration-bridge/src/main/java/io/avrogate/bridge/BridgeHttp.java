package io.avrogate.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health} (JSON, 200 while the loop runs and polls, 503 otherwise) and {@code GET /metrics} (Prometheus
 * text), the same two endpoints the registry serves.
 */
public final class BridgeHttp implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A loop that has not polled for this long is reported unhealthy (stuck, or stalled on a broker). */
    private static final long STALE_POLL_MS = 60_000;

    private final Javalin app;

    private BridgeHttp(Javalin app) {
        this.app = app;
    }

    public static BridgeHttp start(String host, int port, String mapping, BridgeMetrics metrics) {
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = host;
            cfg.jetty.port = port;
            cfg.routes.get("/health", ctx -> {
                Map<String, Object> body = health(mapping, metrics);
                ctx.status("UP".equals(body.get("status")) ? 200 : 503)
                        .contentType("application/json").result(JSON.writeValueAsString(body));
            });
            cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
        });
        app.start();
        return new BridgeHttp(app);
    }

    public int port() {
        return app.port();
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
        app.stop();
    }
}
