package io.avrogate.consumer;

import io.avrogate.serde.deadletter.DeadLetterStage;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ack.mode=sync}: a record is processed when the handler returns. Failures are retried in line, sleeping
 * out the backoff (the partition waits, which is the point of this mode), then dead-lettered.
 */
final class SyncAcknowledgement<K, V> implements AckStrategy<K, V> {
    private static final Logger log = LoggerFactory.getLogger(SyncAcknowledgement.class);

    private final RecordHandler<K, V> handler;
    private final RetryBackoff backoff;
    private final DeadLetterRouter deadLetters;
    private final RunnerMetrics metrics;
    private final StopSignal stop;

    SyncAcknowledgement(RecordHandler<K, V> handler, RetryBackoff backoff, DeadLetterRouter deadLetters,
            RunnerMetrics metrics, StopSignal stop) {
        this.handler = handler;
        this.backoff = backoff;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.stop = stop;
    }

    /** Calls the handler until it succeeds or the attempts are used up; sleeps between attempts. */
    @Override
    public void dispatch(Delivery<K, V> delivery) {
        for (int attempt = 1; ; attempt++) {
            Ack ack = new Ack();
            Throwable error;
            try {
                handler.handle(delivery.record(), ack);
                error = ack.error;
            } catch (Exception e) {
                error = ack.acknowledged ? null : e;
            }
            if (error == null) {
                metrics.recordHandled(delivery.raw().topic());
                delivery.progress().completed(delivery.raw().offset());
                return;
            }
            if (!backoff.mayRetryAfter(attempt)) {
                deadLetters.route(new FailedRecord(delivery.raw(), DeadLetterStage.HANDLER, error, attempt),
                        delivery.progress());
                return;
            }
            log.debug("handler failed on {} (attempt {}): {}", delivery.coordinates(), attempt, error.toString());
            if (!stop.sleep(backoff.delayBefore(attempt + 1))) return; // stopping: left pending
            metrics.recordRetry(delivery.raw().topic());
        }
    }

    @Override
    public void settle() {}

    @Override
    public boolean acceptsMore() {
        return true;
    }

    @Override
    public Duration pollTimeout() {
        return Duration.ofMillis(500);
    }

    @Override
    public boolean commitsEveryBatch() {
        return true;
    }

    @Override
    public void awaitOutstanding(long timeoutMillis) {} // nothing outlives its handler call

    @Override
    public int drain(Collection<PartitionProgress> partitions, long timeoutMillis) {
        return 0; // idem: a record left pending by a stop is not going to complete, so there is nothing to wait for
    }

    /** The outcome is known when the handler returns; the ack only lets it report a failure without throwing. */
    private static final class Ack implements Acknowledgement {
        volatile boolean acknowledged;
        volatile Throwable error;

        @Override
        public void acknowledge() {
            if (error == null) acknowledged = true;
        }

        @Override
        public void fail(Throwable error) {
            if (!acknowledged && this.error == null) this.error = Objects.requireNonNull(error, "error");
        }
    }
}
