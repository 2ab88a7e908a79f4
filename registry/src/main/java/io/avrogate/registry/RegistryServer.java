package io.avrogate.registry;

import io.avrogate.registry.http.RegistryHttp;
import io.avrogate.registry.ops.HealthCheck;
import io.avrogate.registry.ops.RegistryMetrics;
import io.avrogate.server.HttpServer;
import io.avrogate.registry.http.RegistryPermissions;
import io.avrogate.server.auth.AccessControl;
import io.avrogate.server.auth.AuthConfig;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running registry: the Kafka-backed state and the HTTP API. Started from a config (the {@code avrogate registry}
 * command, {@link RegistryMain}, the testkit, the demo) and stopped gracefully: health turns DOWN, the listener stops
 * accepting, requests in progress finish (up to {@code avrogate.shutdown.timeout.ms}), then the store closes.
 */
public final class RegistryServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RegistryServer.class);

    private final KafkaLog store;
    private final HttpServer http;
    private final String url;
    private final RegistryState state;
    private final RegistryMetrics metrics;
    private final HealthCheck health;
    private boolean closed;

    private RegistryServer(KafkaLog store, HttpServer http, String url, RegistryState state, RegistryMetrics metrics,
                           HealthCheck health) {
        this.store = store;
        this.http = http;
        this.url = url;
        this.state = state;
        this.metrics = metrics;
        this.health = health;
    }

    public static RegistryServer start(Map<String, ?> properties) {
        return start(new RegistryConfig(properties));
    }

    public static RegistryServer start(RegistryConfig config) {
        RegistryState state = new RegistryState();
        KafkaLog store = new KafkaLog(config, state);
        RegistryMetrics metrics = null;
        try {
            SchemaRegistry registry = new SchemaRegistry(state, store, config);
            metrics = new RegistryMetrics(state, store);
            HttpServer[] holder = new HttpServer[1];
            HealthCheck health = new HealthCheck(store, () -> holder[0] != null && holder[0].isServing(),
                    Duration.ofMillis(Math.min(2000, config.getInt(RegistryConfig.TIMEOUT_MS))));
            // Method NONE without an ACL file lets anyone do anything: no access control at all, as before.
            AccessControl access = AccessControl.create(new AuthConfig(config.originals()), RegistryPermissions.subjectsOfId(registry));
            HttpServer http = RegistryHttp.create(registry, metrics, health, config.serverSettings(),
                    Duration.ofMillis(config.getLong(RegistryConfig.SHUTDOWN_TIMEOUT_MS)), access.open() ? null : access);
            holder[0] = http;
            http.javalin().start();
            String url = http.urls().get(0);
            log.info("schema registry listening on {} (state in topic {})", url, config.getString(RegistryConfig.TOPIC));
            return new RegistryServer(store, http, url, state, metrics, health);
        } catch (RuntimeException e) {
            if (metrics != null) metrics.close();
            store.close();
            throw e;
        }
    }

    /** The base URL clients use, e.g. http://localhost:8081. */
    public String url() {
        return url;
    }

    public int port() {
        return http.port();
    }

    public RegistryState state() {
        return state;
    }

    /** Stops gracefully: probes fail first, in-flight requests finish, then the store closes. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        log.info("schema registry at {} stopping", url);
        health.markStopping();
        http.javalin().stop();
        store.close();
        metrics.close();
        log.info("schema registry at {} stopped", url);
    }
}
