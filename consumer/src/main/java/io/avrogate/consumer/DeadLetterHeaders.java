package io.avrogate.consumer;

/**
 * Names of the headers a dead-letter record carries, next to the original record's own headers. They follow Kafka
 * Connect's dead-letter queue ({@code __connect.errors.topic}, {@code .partition}, {@code .offset},
 * {@code .exception.class.name}, {@code .exception.message}, {@code .exception.stacktrace}, {@code .stage}) under our
 * own prefix, so tools written for Connect's DLQ need only the prefix changed. Every value is a UTF-8 string.
 */
public final class DeadLetterHeaders {
    public static final String PREFIX = "__avrogate.errors.";
    public static final String TOPIC = PREFIX + "topic";
    public static final String PARTITION = PREFIX + "partition";
    public static final String OFFSET = PREFIX + "offset";
    /** The original record's timestamp, epoch milliseconds. */
    public static final String TIMESTAMP = PREFIX + "timestamp";
    /** A {@link FailureStage} name. */
    public static final String STAGE = PREFIX + "stage";
    public static final String EXCEPTION_CLASS_NAME = PREFIX + "exception.class.name";
    public static final String EXCEPTION_MESSAGE = PREFIX + "exception.message";
    public static final String EXCEPTION_STACKTRACE = PREFIX + "exception.stacktrace";
    /** How often the handler was called; 0 for a record that could not be deserialized. */
    public static final String ATTEMPTS = PREFIX + "attempts";
    /** The consumer group that gave up on the record. */
    public static final String GROUP_ID = PREFIX + "group.id";

    private DeadLetterHeaders() {}
}
