package io.avrogate.registry.ops;

import io.avrogate.registry.KafkaLog;
import io.avrogate.registry.RegistryState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.avrogate.server.ServerMetrics;

/**
 * The registry's metrics, exposed in Prometheus' text format on {@code /metrics}: HTTP requests per route template
 * (never the raw path, so hostile paths cannot blow up the number of series), method and status; what the registry
 * holds; how far the store reader is; and the JVM basics. One instance per server, so two servers in one JVM (tests)
 * keep separate numbers.
 */
public final class RegistryMetrics implements AutoCloseable {
    /** The JVM basics and HTTP request timers every listener has; the registry's own meters are added to it. */
    private final ServerMetrics server = new ServerMetrics();

    public RegistryMetrics(RegistryState state, KafkaLog store) {
        MeterRegistry registry = server.registry();
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
