package io.avrogate.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * A listener's metrics in Prometheus' text format, for {@code /metrics}: the JVM and process basics and
 * {@code http_server_requests} per method, route template (never the raw path, so hostile paths cannot blow up the
 * number of series) and status. Services register their own meters on {@link #registry()} and bind their Kafka
 * clients with {@link #bindKafkaClient} (Micrometer's {@code kafka_producer_*}, {@code kafka_consumer_*} and
 * {@code kafka_admin_client_*} series, tagged with the client's {@code client_id}). One instance per server, so two
 * servers in one JVM (tests) keep separate numbers.
 */
public final class ServerMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /** Timers by "method route status": looked up on every request, so built once per combination. */
    private final ConcurrentHashMap<String, Timer> requestTimers = new ConcurrentHashMap<>();
    private final List<RequestListener> requestListeners = new CopyOnWriteArrayList<>();
    private final Set<Binding> kafkaBindings = ConcurrentHashMap.newKeySet();

    /** Told of every request the listener answered, for services that count requests by their own classification. */
    @FunctionalInterface
    public interface RequestListener {
        void request(String method, String route, int status, long nanos);
    }

    /** Meters bound to the registry until closed; closing twice is harmless. */
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    public ServerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
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
        for (RequestListener listener : requestListeners) listener.request(method, route, status, nanos);
    }

    public void addRequestListener(RequestListener listener) {
        requestListeners.add(listener);
    }

    /**
     * Binds Micrometer's metrics of a Kafka producer, consumer or admin client (send and fetch rates, request
     * latencies, the consumer's records lag, connection counts, ...) until the returned handle is closed, which must
     * happen before the client closes (a closed client's metrics would be read by the binder's refresh). Whatever is
     * still bound is released by {@link #close()}.
     *
     * @param client a {@link Producer}, {@link Consumer} or {@link Admin} created by {@code Admin.create}
     */
    public Binding bindKafkaClient(Object client, Tag... tags) {
        List<Tag> extra = List.of(tags);
        KafkaClientMetrics binder;
        if (client instanceof Producer<?, ?> producer) binder = new KafkaClientMetrics(producer, extra);
        else if (client instanceof Consumer<?, ?> consumer) binder = new KafkaClientMetrics(consumer, extra);
        else if (client instanceof AdminClient admin) binder = new KafkaClientMetrics(admin, extra);
        else throw new IllegalArgumentException("not a Kafka producer, consumer or admin client: " + client);
        binder.bindTo(registry);
        Binding[] self = new Binding[1];
        self[0] = () -> {
            if (kafkaBindings.remove(self[0])) binder.close();
        };
        kafkaBindings.add(self[0]);
        return self[0];
    }

    /** The Prometheus text exposition (version 0.0.4) of every metric. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        for (Binding binding : List.copyOf(kafkaBindings)) binding.close();
        gc.close();
        registry.close();
    }
}
