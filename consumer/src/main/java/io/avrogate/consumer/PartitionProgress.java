package io.avrogate.consumer;

import java.util.TreeSet;

/**
 * What is safe to commit in one partition while records are processed out of order. Records are handed out in
 * offset order; each stays pending until it is completed (acknowledged, or dead-lettered). The safe offset to commit
 * is the lowest pending offset, or the offset after the last handed-out record when none is pending: a crash can
 * then redeliver completed records, but never skip one that was not completed.
 *
 * <p>Thread-safe: completions arrive from handler threads. A progress object belongs to one assignment of the
 * partition; after a revocation it is dropped, and late completions on it change nothing that is committed.
 */
final class PartitionProgress {
    private final TreeSet<Long> pending = new TreeSet<>();
    /** Offset after the last handed-out record; -1 before the first. */
    private long next = -1;
    /** The last committed offset, -1 if none since assignment. */
    private long committed = -1;

    synchronized void handedOut(long offset) {
        pending.add(offset);
        next = Math.max(next, offset + 1);
    }

    synchronized void completed(long offset) {
        pending.remove(offset);
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    /** The offset to commit now, or -1 when nothing new is safe to commit. */
    synchronized long committable() {
        long safe = pending.isEmpty() ? next : pending.first();
        return safe > committed ? safe : -1;
    }

    synchronized void committed(long offset) {
        committed = Math.max(committed, offset);
    }
}
