package io.avrogate.registry.ops;

import io.avrogate.registry.KafkaLog;
import io.avrogate.registry.RegistryState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.avrogate.server.HttpServer;
import io.avrogate.server.ServerMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry's metrics, exposed in Prometheus' text format on {@code /metrics}: HTTP requests per route template
 * (never the raw path, so hostile paths cannot blow up the number of series), method and status; what the registry
 * holds; how far the store reader is; API reads and writes ({@code registry_reads_total},
 * {@code registry_writes_total}, by {@code outcome}: ok, client_error, server_error); the store's Kafka clients; and
 * the JVM basics. One instance per server, so two servers in one JVM (tests) keep separate numbers.
 */
public final class RegistryMetrics implements AutoCloseable {
    /** The JVM basics and HTTP request timers every listener has; the registry's own meters are added to it. */
    private final ServerMetrics server = new ServerMetrics();
    private final MeterRegistry registry = server.registry();
    /** Counters by "reads ok", "writes client_error", ...: built once, looked up on every request. */
    private final Map<String, Counter> apiCounters = new ConcurrentHashMap<>();

    public RegistryMetrics(RegistryState state, KafkaLog store) {
        for (String kind : new String[] {"reads", "writes"}) {
            for (String outcome : new String[] {"ok", "client_error", "server_error"}) apiCounter(kind, outcome);
        }
        server.addRequestListener((method, route, status, nanos) -> {
            String kind = kind(method, route);
            if (kind != null) apiCounter(kind, status >= 500 ? "server_error" : status >= 400 ? "client_error" : "ok").increment();
        });
        store.bindClientMetrics(server);
        Gauge.builder("registry.schemas", state, RegistryState::schemaCount)
                .description("Distinct schemas (ids) held, soft-deleted included").register(registry);
        Gauge.builder("registry.subjects", state, RegistryState::subjectCount)
                .description("Subjects with at least one stored version, soft-deleted included").register(registry);
        Gauge.builder("registry.schema.id.max", state, RegistryState::maxId)
                .description("Highest schema id assigned so far").register(registry);
        Gauge.builder("registry.store.applied.offset", store, KafkaLog::appliedOffset)
                .description("Next offset of the store topic the reader will apply").register(registry);
        Gauge.builder("registry.store.lag", store, KafkaLog::lag)
                .description("Committed store records not yet applied, as of the reader's last fetch (-1 unknown)")
                .register(registry);
        FunctionCounter.builder("registry.store.commits", store, KafkaLog::commitCount)
                .description("Transactions this instance committed to the store topic").register(registry);
        FunctionCounter.builder("registry.store.takeovers", store, KafkaLog::takeoverCount)
                .description("Times this instance was fenced by another writer on the topic and took writes back")
                .register(registry);
    }

    /**
     * Whether a request to the API was a read or a write (null for the shared endpoints and unmatched paths): a
     * registration, a deletion or a config or mode change writes; everything else (lookups and compatibility checks
     * are POSTs too) reads.
     */
    static String kind(String method, String route) {
        if (route.equals("unmatched") || route.equals(HttpServer.METRICS_PATH) || route.startsWith("/health")) return null;
        return switch (method) {
            case "PUT", "DELETE" -> "writes";
            case "POST" -> route.equals("/subjects/{subject}/versions") ? "writes" : "reads";
            default -> "reads";
        };
    }

    private Counter apiCounter(String kind, String outcome) {
        return apiCounters.computeIfAbsent(kind + ' ' + outcome, k -> Counter.builder("registry." + kind)
                .description("API " + kind + " by outcome (ok, client_error, server_error)").tag("outcome", outcome)
                .register(registry));
    }

    /** The meters the HTTP server serves on /metrics and records requests in. */
    public ServerMetrics server() {
        return server;
    }

    /** Records one HTTP request; {@code route} is the matched route template, e.g. /schemas/ids/{id}. */
    public void recordRequest(String method, String route, int status, long nanos) {
        server.recordRequest(method, route, status, nanos);
    }

    /** The Prometheus text exposition (version 0.0.4) of every metric. */
    public String scrape() {
        return server.scrape();
    }

    @Override
    public void close() {
        server.close();
    }
}
