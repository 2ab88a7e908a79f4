package io.avrogate.consumer;

/**
 * Where records that cannot be processed go. {@link #send} must return only when the record is safely stored (or
 * throw): the runner commits the record's offset right after, so a sink that loses records loses data.
 */
public interface DeadLetterSink extends AutoCloseable {
    void send(FailedRecord failed) throws Exception;

    @Override
    default void close() {}
}
