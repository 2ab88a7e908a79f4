package io.avrogate.consumer;

import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * Failed handler attempts waiting for their next try, earliest first, spaced by the {@link RetryBackoff}. Used by
 * the asynchronous mode, where a record waiting for a retry must not hold up the others. Poll thread only.
 */
final class RetryQueue<T> {
    private final PriorityQueue<Retry<T>> queue = new PriorityQueue<>();
    private final RetryBackoff backoff;

    RetryQueue(RetryBackoff backoff) {
        this.backoff = backoff;
    }

    /** A due retry: the item and the number of the attempt to make. */
    record Retry<T>(long dueNanos, T item, int attempt) implements Comparable<Retry<T>> {
        @Override
        public int compareTo(Retry<T> other) {
            return Long.compare(dueNanos, other.dueNanos);
        }
    }

    /**
     * Schedules the attempt after {@code failedAttempt}, after the backoff. False when the attempts are used up
     * (nothing is scheduled: the caller gives up on the item).
     */
    boolean offer(T item, int failedAttempt) {
        if (!backoff.mayRetryAfter(failedAttempt)) return false;
        long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff.delayBefore(failedAttempt + 1));
        queue.add(new Retry<>(due, item, failedAttempt + 1));
        return true;
    }

    /** The earliest retry that is due now, or null. */
    Retry<T> pollDue() {
        Retry<T> first = queue.peek();
        return first != null && first.dueNanos() - System.nanoTime() <= 0 ? queue.poll() : null;
    }
}
