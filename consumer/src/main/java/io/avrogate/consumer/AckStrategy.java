package io.avrogate.consumer;

import java.time.Duration;
import java.util.Collection;

/**
 * How the runner learns that a record is processed ({@code ack.mode}), with the bookkeeping that mode needs. The
 * runner polls, deserializes and commits; a strategy calls the handler, retries failures, hands records it gives up
 * on to the {@link DeadLetterRouter} and completes each record's {@link PartitionProgress}. Methods other than the
 * acknowledgements themselves are called on the poll thread.
 */
interface AckStrategy<K, V> {

    /** Calls the handler on a deserialized record. */
    void dispatch(Delivery<K, V> delivery);

    /** Between polls: deals with what happened since (failures reported, retries due). */
    void settle();

    /** False while no further record may be dispatched (the in-flight limit is reached). */
    boolean acceptsMore();

    /** How long one poll may wait for records. */
    Duration pollTimeout();

    /** True when safe offsets are committed after every polled batch rather than every 100 ms. */
    boolean commitsEveryBatch();

    /** On shutdown: waits up to {@code timeoutMillis} for handler calls still in progress to report. */
    void awaitOutstanding(long timeoutMillis);

    /**
     * Before partitions are revoked: waits up to {@code timeoutMillis} until none of their records is pending, so
     * that the commit that follows covers them. Returns how many are still pending.
     */
    int drain(Collection<PartitionProgress> partitions, long timeoutMillis);
}
