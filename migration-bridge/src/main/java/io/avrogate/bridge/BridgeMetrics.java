package io.avrogate.bridge;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one bridge instance. Counts move only when a transaction commits, so they say what the old topic
 * and the dead-letter topic really hold from this instance, never what was attempted and rolled back.
 */
public final class BridgeMetrics {
    private final LongAdder translated = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder skippedBridged = new LongAdder();
    private final LongAdder transactions = new LongAdder();
    private final LongAdder aborted = new LongAdder();
    private volatile long lag = -1;
    private volatile long lastPollMillis;
    private volatile String state = "STARTING";
    private volatile String failure = "";

    void committed(long translatedInBatch, long deadLetteredInBatch, long skippedInBatch) {
        translated.add(translatedInBatch);
        deadLettered.add(deadLetteredInBatch);
        skippedBridged.add(skippedInBatch);
        transactions.increment();
    }

    void aborted() {
        aborted.increment();
    }

    void polled(long lag, long nowMillis) {
        this.lag = lag;
        this.lastPollMillis = nowMillis;
    }

    void state(String state, String failure) {
        this.state = state;
        this.failure = failure == null ? "" : failure;
    }

    /** Records translated and committed to the old topic. */
    public long translated() {
        return translated.sum();
    }

    /** Records committed to the dead-letter topic. */
    public long deadLettered() {
        return deadLettered.sum();
    }

    /** Records skipped because another bridge produced them (they carry the marker header). */
    public long skippedBridged() {
        return skippedBridged.sum();
    }

    public long transactions() {
        return transactions.sum();
    }

    public long abortedTransactions() {
        return aborted.sum();
    }

    /** Records on the source topic's assigned partitions not yet bridged, as of the last poll; -1 before the first. */
    public long lag() {
        return lag;
    }

    public long lastPollMillis() {
        return lastPollMillis;
    }

    /** STARTING, RUNNING, STOPPED or FAILED. */
    public String state() {
        return state;
    }

    public String failure() {
        return failure;
    }
}
