package io.avrogate.consumer;

import io.avrogate.serde.deadletter.DeadLetterStage;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ack.mode=async}: a record is processed when the handler acknowledges it, from any thread, in any order.
 * Failures reported by handler threads are queued and dealt with on the poll thread: scheduled in the
 * {@link RetryQueue} (other records go on meanwhile), or dead-lettered once the attempts are used up. At most
 * {@code max.in.flight.records} records are pending, counted by the partitions' {@link PartitionProgress}.
 */
final class AsyncAcknowledgement<K, V> implements AckStrategy<K, V> {
    private static final Logger log = LoggerFactory.getLogger(AsyncAcknowledgement.class);
    private static final long STALL_WARNING_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final RecordHandler<K, V> handler;
    private final DeadLetterRouter deadLetters;
    private final RunnerMetrics metrics;
    private final StopSignal stop;
    private final AtomicInteger inFlight;
    private final int maxInFlight;
    private final RetryQueue<Delivery<K, V>> retries;
    /** Shared with handler threads. */
    private final ConcurrentLinkedQueue<FailedAttempt<K, V>> failures = new ConcurrentLinkedQueue<>();
    /** Handler calls whose outcome is not reported yet (excluding records waiting for a retry). */
    private final AtomicInteger outstandingCalls = new AtomicInteger();
    /** Outcomes reported so far (acknowledged or failed), to tell a busy consumer from a stalled one. */
    private final AtomicLong reports = new AtomicLong();
    private long reportsSeen = -1;
    private long quietSinceNanos;

    AsyncAcknowledgement(RecordHandler<K, V> handler, RetryBackoff backoff, DeadLetterRouter deadLetters,
            RunnerMetrics metrics, StopSignal stop, AtomicInteger inFlight, int maxInFlight) {
        this.handler = handler;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.stop = stop;
        this.inFlight = inFlight;
        this.maxInFlight = maxInFlight;
        this.retries = new RetryQueue<>(backoff);
    }

    private record FailedAttempt<K, V>(Delivery<K, V> delivery, int attempt, Throwable error) {}

    @Override
    public void dispatch(Delivery<K, V> delivery) {
        call(delivery, 1);
    }

    private void call(Delivery<K, V> delivery, int attempt) {
        Ack ack = new Ack(delivery, attempt);
        outstandingCalls.incrementAndGet();
        try {
            handler.handle(delivery.record(), ack);
        } catch (Exception e) {
            ack.fail(e);
        }
    }

    /** Failed attempts are retried later or dead-lettered; retries that are due are made. */
    @Override
    public void settle() {
        FailedAttempt<K, V> failed;
        while ((failed = failures.poll()) != null) {
            Delivery<K, V> delivery = failed.delivery();
            if (!delivery.isCurrent()) continue; // partition revoked meanwhile: its new owner reads it again
            log.debug("handler failed on {} (attempt {}): {}", delivery.coordinates(), failed.attempt(),
                    failed.error().toString());
            if (!retries.offer(delivery, failed.attempt())) {
                deadLetters.route(new FailedRecord(delivery.raw(), DeadLetterStage.HANDLER, failed.error(),
                        failed.attempt()), delivery.progress());
            }
        }
        RetryQueue.Retry<Delivery<K, V>> retry;
        while (!stop.isRaised() && (retry = retries.pollDue()) != null) {
            if (!retry.item().isCurrent()) continue;
            metrics.recordRetry(retry.item().raw().topic());
            call(retry.item(), retry.attempt());
        }
        warnIfStalled();
    }

    /**
     * The in-flight limit reached and not one outcome reported for a while: most likely a handler that never calls
     * {@code ack.acknowledge()}. Nothing can be committed then, so say it instead of waiting in silence.
     */
    private void warnIfStalled() {
        long now = System.nanoTime();
        long seen = reports.get();
        if (seen != reportsSeen || acceptsMore()) {
            reportsSeen = seen;
            quietSinceNanos = now;
        } else if (now - quietSinceNanos > STALL_WARNING_NANOS) {
            log.warn("ack.mode=async: {} records in flight (max.in.flight.records) and none acknowledged for {} s;"
                    + " the handler must call ack.acknowledge() or ack.fail(e) for each record, nothing is committed"
                    + " past one that it never acknowledges", inFlight.get(),
                    TimeUnit.NANOSECONDS.toSeconds(now - quietSinceNanos));
            quietSinceNanos = now;
        }
    }

    @Override
    public boolean acceptsMore() {
        return inFlight.get() < maxInFlight;
    }

    @Override
    public Duration pollTimeout() {
        return Duration.ofMillis(20); // short: acknowledgements and due retries are picked up between polls
    }

    @Override
    public boolean commitsEveryBatch() {
        return false;
    }

    @Override
    public void awaitOutstanding(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (outstandingCalls.get() > 0 && System.nanoTime() - deadline < 0) {
            if (!pause()) return;
        }
        if (outstandingCalls.get() > 0) {
            log.warn("{} record(s) still unacknowledged at shutdown; they will be delivered again",
                    outstandingCalls.get());
        }
    }

    /**
     * Acknowledgements keep arriving from handler threads meanwhile; failures reported meanwhile are retried when
     * due, or dead-lettered, like between polls. Records waiting for a retry that is not due in time stay pending.
     */
    @Override
    public int drain(Collection<PartitionProgress> partitions, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        int pending;
        while ((pending = pending(partitions)) > 0 && System.nanoTime() - deadline < 0) {
            settle();
            if (!pause()) break;
        }
        return pending;
    }

    private static int pending(Collection<PartitionProgress> partitions) {
        int pending = 0;
        for (PartitionProgress partition : partitions) pending += partition.pendingCount();
        return pending;
    }

    /** A short wait between checks; false when interrupted. */
    private static boolean pause() {
        try {
            Thread.sleep(5);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Completes the record's progress, or queues the failure for the poll thread. Only the first call counts. */
    private final class Ack implements Acknowledgement {
        private final Delivery<K, V> delivery;
        private final int attempt;
        private final AtomicBoolean done = new AtomicBoolean();

        Ack(Delivery<K, V> delivery, int attempt) {
            this.delivery = delivery;
            this.attempt = attempt;
        }

        @Override
        public void acknowledge() {
            if (!done.compareAndSet(false, true)) return;
            outstandingCalls.decrementAndGet();
            reports.incrementAndGet();
            metrics.recordHandled(delivery.raw().topic());
            delivery.progress().completed(delivery.raw().offset());
        }

        @Override
        public void fail(Throwable error) {
            Objects.requireNonNull(error, "error");
            if (!done.compareAndSet(false, true)) return;
            outstandingCalls.decrementAndGet();
            reports.incrementAndGet();
            failures.add(new FailedAttempt<>(delivery, attempt, error));
        }
    }
}
