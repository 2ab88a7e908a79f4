package io.avrogate.consumer;

/**
 * The handle a {@link RecordHandler} uses to report the outcome of one record. Thread-safe; only the first call
 * counts (later calls are ignored), so a late duplicate cannot undo an outcome.
 */
public interface Acknowledgement {
    /** The record is processed: its offset may be committed once every earlier record of its partition is, too. */
    void acknowledge();

    /** Processing failed: the record is retried after the configured backoff, then sent to the dead-letter topic. */
    void fail(Throwable error);
}
