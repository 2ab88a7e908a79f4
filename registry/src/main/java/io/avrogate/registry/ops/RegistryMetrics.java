package io.avrogate.registry.ops;

import io.avrogate.registry.KafkaLog;
import io.avrogate.registry.RegistryState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The registry's metrics, exposed in Prometheus' text format on {@code /metrics}: HTTP requests per route template
 * (never the raw path, so hostile paths cannot blow up the number of series), method and status; what the registry
 * holds; how far the store reader is; and the JVM basics. One instance per server, so two servers in one JVM (tests)
 * keep separate numbers.
 */
public final class RegistryMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /** Timers by "method route status": looked up on every request, so built once per combination. */
    private final ConcurrentHashMap<String, Timer> requestTimers = new ConcurrentHashMap<>();

    public RegistryMetrics(RegistryState state, KafkaLog store) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);

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

    /** Records one HTTP request; {@code route} is the matched route template, e.g. /schemas/ids/{id}. */
    public void recordRequest(String method, String route, int status, long nanos) {
        String key = method + ' ' + route + ' ' + status;
        Timer timer = requestTimers.get(key);
        if (timer == null) {
            timer = requestTimers.computeIfAbsent(key, k -> Timer.builder("http.server.requests")
                    .description("HTTP requests by method, route template and status")
                    .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry));
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The Prometheus text exposition (version 0.0.4) of every metric. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
