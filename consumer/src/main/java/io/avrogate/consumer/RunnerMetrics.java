package io.avrogate.consumer;

import java.util.concurrent.atomic.LongAdder;

/** Counters of a {@link ConsumerRunner}, cumulative since it was created. Thread-safe. */
public final class RunnerMetrics {
    private final LongAdder handled = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder deserializationFailures = new LongAdder();
    private final LongAdder commits = new LongAdder();

    /** Records whose handler succeeded (returned, or acknowledged). */
    public long handled() {
        return handled.sum();
    }

    /** Records written to the dead-letter sink, whatever the reason. */
    public long deadLettered() {
        return deadLettered.sum();
    }

    /** Handler calls that were repeats of a failed call. */
    public long retries() {
        return retries.sum();
    }

    /** Records whose key or value could not be deserialized (each also counted as dead-lettered). */
    public long deserializationFailures() {
        return deserializationFailures.sum();
    }

    /** Offset commits that succeeded. */
    public long commits() {
        return commits.sum();
    }

    void recordHandled() {
        handled.increment();
    }

    void recordDeadLettered() {
        deadLettered.increment();
    }

    void recordRetry() {
        retries.increment();
    }

    void recordDeserializationFailure() {
        deserializationFailures.increment();
    }

    void recordCommit() {
        commits.increment();
    }

    @Override
    public String toString() {
        return "handled=" + handled() + ", deadLettered=" + deadLettered() + ", retries=" + retries()
                + ", deserializationFailures=" + deserializationFailures() + ", commits=" + commits();
    }
}
