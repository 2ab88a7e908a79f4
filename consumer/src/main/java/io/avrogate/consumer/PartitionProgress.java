package io.avrogate.consumer;

import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What is safe to commit in one partition while records are processed out of order. Records are handed out in
 * offset order; each stays pending until it is completed (acknowledged, or dead-lettered). The safe offset to commit
 * is the lowest pending offset, or the offset after the last handed-out record when none is pending: a crash can
 * then redeliver completed records, but never skip one that was not completed.
 *
 * <p>Pending records are also counted in a counter shared by all partitions of a runner, so that the runner knows
 * how many records are in flight without walking every partition.
 *
 * <p>Thread-safe: completions arrive from handler threads. A progress object belongs to one assignment of the
 * partition; when that ends it is {@link #abandon() abandoned}, and late completions on it change nothing.
 */
final class PartitionProgress {
    private final TreeSet<Long> pending = new TreeSet<>();
    private final AtomicInteger inFlight;
    /** Offset after the last handed-out record; -1 before the first. */
    private long next = -1;
    /** The last committed offset, -1 if none since assignment. */
    private long committed = -1;
    private boolean abandoned;

    /** @param inFlight the runner's count of pending records over all partitions, kept up to date by this object */
    PartitionProgress(AtomicInteger inFlight) {
        this.inFlight = inFlight;
    }

    PartitionProgress() {
        this(new AtomicInteger());
    }

    synchronized void handedOut(long offset) {
        if (abandoned) return;
        if (pending.add(offset)) inFlight.incrementAndGet();
        next = Math.max(next, offset + 1);
    }

    synchronized void completed(long offset) {
        if (pending.remove(offset)) inFlight.decrementAndGet();
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    /** The offset to commit now, or -1 when nothing new is safe to commit. */
    synchronized long committable() {
        if (abandoned) return -1;
        long safe = pending.isEmpty() ? next : pending.first();
        return safe > committed ? safe : -1;
    }

    synchronized void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    /** The partition is no longer ours: its pending records leave the in-flight count and will not be committed. */
    synchronized void abandon() {
        abandoned = true;
        inFlight.addAndGet(-pending.size());
        pending.clear();
    }

    synchronized boolean isAbandoned() {
        return abandoned;
    }
}
