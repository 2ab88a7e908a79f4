package io.avrogate.consumer;

import io.avrogate.serde.deadletter.DeadLetterStage;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (outstandingCalls.get() > 0) {
            log.warn("{} record(s) still unacknowledged at shutdown; they will be delivered again",
                    outstandingCalls.get());
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
            metrics.recordHandled(delivery.raw().topic());
            delivery.progress().completed(delivery.raw().offset());
        }

        @Override
        public void fail(Throwable error) {
            Objects.requireNonNull(error, "error");
            if (!done.compareAndSet(false, true)) return;
            outstandingCalls.decrementAndGet();
            failures.add(new FailedAttempt<>(delivery, attempt, error));
        }
    }
}
