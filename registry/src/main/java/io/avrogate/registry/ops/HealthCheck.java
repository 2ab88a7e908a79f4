package io.avrogate.registry.ops;

import io.avrogate.registry.KafkaLog;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Whether this instance should receive traffic: the HTTP server is serving, the instance is not shutting down, and
 * the store reader has applied everything committed to the topic (so reads are current and writes can proceed).
 * Results are reused for a short while so that a flood of health probes does not become a flood of broker requests.
 */
public final class HealthCheck {
    private static final long REUSE_NANOS = Duration.ofMillis(500).toNanos();

    /** One verdict, as {@code GET /health} renders it. */
    public record Status(boolean healthy, String reason, long appliedOffset, long endOffset) {}

    private final KafkaLog store;
    private final BooleanSupplier httpServing;
    private final Duration wait;
    private volatile boolean stopping;
    private volatile Status last;
    private volatile long lastAt;

    public HealthCheck(KafkaLog store, BooleanSupplier httpServing, Duration wait) {
        this.store = store;
        this.httpServing = httpServing;
        this.wait = wait;
    }

    /** Called first thing on shutdown, so probes fail while in-flight requests still finish. */
    public void markStopping() {
        stopping = true;
    }

    public Status check() {
        if (stopping) return new Status(false, "shutting down", store.appliedOffset(), -1);
        if (!httpServing.getAsBoolean()) return new Status(false, "the HTTP server is not running", store.appliedOffset(), -1);
        Status cached = last;
        if (cached != null && System.nanoTime() - lastAt < REUSE_NANOS) return cached;
        synchronized (this) {
            if (last != null && System.nanoTime() - lastAt < REUSE_NANOS) return last;
            KafkaLog.Health h = store.health(wait);
            Status fresh = new Status(h.caughtUp(), h.problem(), h.appliedOffset(), h.endOffset());
            last = fresh;
            lastAt = System.nanoTime();
            return fresh;
        }
    }
}
