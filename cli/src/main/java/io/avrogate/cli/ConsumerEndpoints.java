package io.avrogate.cli;

import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import io.avrogate.server.HttpServer;
import io.avrogate.server.ReadinessCheck;
import io.avrogate.server.ReadinessChecks;
import io.avrogate.server.ServerMetrics;
import io.avrogate.server.ServerSettings;
import io.avrogate.server.auth.AccessControl;
import io.avrogate.server.auth.AuthConfig;
import io.avrogate.server.auth.Operation;
import io.avrogate.server.auth.Permission;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The {@code /metrics}, {@code /health/live} and {@code /health/ready} listener of {@code avrogate consume
 * --http-port}, on server-common like every other service: the runner's meters ({@code avrogate_consumer_*}, its
 * Kafka clients' {@code kafka_consumer_*} and {@code kafka_producer_*}) are registered on {@link #meters()}, and
 * readiness asks whether the runner runs, Kafka answers and the registry answers. It lives in the cli because the
 * consumer module is a library and must not depend on server-common.
 */
final class ConsumerEndpoints implements AutoCloseable {
    /** The listener takes no request bodies. */
    private static final long MAX_REQUEST_BYTES = 64 * 1024;

    private final ServerMetrics metrics = new ServerMetrics();
    private final Map<String, Object> clientConfig;
    private Admin admin;
    private SchemaRegistryClient registry;
    private HttpServer server;
    private AccessControl access;

    /** @param clientConfig the consumer's settings: bootstrap servers, registry URL and client security settings */
    ConsumerEndpoints(Map<String, Object> clientConfig) {
        this.clientConfig = clientConfig;
    }

    /** Where the runner registers its meters; create the runner with it before {@link #start}. */
    MeterRegistry meters() {
        return metrics.registry();
    }

    /** Starts the listener on {@code host:port} (0 = any free port), open to anyone who can reach it. */
    ConsumerEndpoints start(String host, int port, BooleanSupplier runnerRunning) {
        return start(host, port, runnerRunning, Map.of());
    }

    /**
     * Starts the listener on {@code host:port}, with server-common's listener and auth settings ({@code ssl.*},
     * {@code authentication.method}, the credentials and ACL files, ...) as every avrogate service reads them. With an
     * ACL, {@code /metrics} needs READ on the service {@code metrics}; the probes need nothing.
     */
    ConsumerEndpoints start(String host, int port, BooleanSupplier runnerRunning, Map<String, ?> serverConfigs) {
        Map<String, Object> adminConfig = new HashMap<>();
        clientConfig.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) adminConfig.put(k, v);
        });
        admin = Admin.create(adminConfig);
        registry = SchemaRegistryClients.create(clientConfig);
        String bootstrap = String.valueOf(clientConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        String registryUrl = String.valueOf(clientConfig.get("schema.registry.url"));
        String listenHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        access = AccessControl.create(new AuthConfig(serverConfigs), id -> List.of());
        server = HttpServer.builder("consumer", ServerSettings.parse(serverConfigs,
                        "http://" + listenHost + ":" + port, MAX_REQUEST_BYTES))
                // The listener has no routes of its own beyond the shared ones; anything else is for admins.
                .accessControl(access, ctx -> Permission.service(Operation.ADMIN, "consumer"))
                .metrics(metrics)
                .stopTimeout(Duration.ofSeconds(2))
                .readiness("runner", () -> runnerRunning.getAsBoolean() ? ReadinessCheck.Result.ok()
                        : ReadinessCheck.Result.notReady("the consumer runner is not running"))
                .readiness("kafka", ReadinessChecks.kafka(admin, bootstrap))
                .readiness("registry", ReadinessChecks.reachable("the schema registry at " + registryUrl + " (--registry)",
                        ReadinessChecks.DEFAULT_REUSE, ReadinessChecks.DEFAULT_TIMEOUT, registry::schemaTypes))
                .start();
        return this;
    }

    String url() {
        return server.urls().get(0);
    }

    @Override
    public void close() {
        try {
            if (server != null) server.close();
        } finally {
            if (admin != null) admin.close(Duration.ofSeconds(2));
            if (registry != null) registry.close();
            if (access != null) access.close();
            metrics.close();
        }
    }
}
