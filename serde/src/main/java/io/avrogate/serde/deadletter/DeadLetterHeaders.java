package io.avrogate.serde.deadletter;

/**
 * The header names of avrogate's one dead-letter format, written by the consumer runner and the migration bridge
 * alike, next to the original record's own headers (the key and value bytes stay exactly as they were read).
 *
 * <p>Where Kafka Connect's dead-letter queue has a header for the same fact, the name is Connect's
 * ({@code __connect.errors.*}), so DLQ tooling written for Connect reads ours unchanged. Facts Connect has no header
 * for live under {@code __avrogate.errors.*}. Every value is a UTF-8 string; numbers are written in decimal.
 */
public final class DeadLetterHeaders {
    public static final String CONNECT_PREFIX = "__connect.errors.";
    public static final String AVROGATE_PREFIX = "__avrogate.errors.";

    /** Where the record was read: topic, partition and offset. */
    public static final String TOPIC = CONNECT_PREFIX + "topic";
    public static final String PARTITION = CONNECT_PREFIX + "partition";
    public static final String OFFSET = CONNECT_PREFIX + "offset";
    /** A {@link DeadLetterStage} name: where processing failed. */
    public static final String STAGE = CONNECT_PREFIX + "stage";
    public static final String EXCEPTION_CLASS_NAME = CONNECT_PREFIX + "exception.class.name";
    public static final String EXCEPTION_MESSAGE = CONNECT_PREFIX + "exception.message";
    /** Cut to a few thousand characters, so a deep trace cannot make the dead letter too large for its topic. */
    public static final String EXCEPTION_STACKTRACE = CONNECT_PREFIX + "exception.stacktrace";

    /** The original record's timestamp, epoch milliseconds. */
    public static final String TIMESTAMP = AVROGATE_PREFIX + "timestamp";
    /** Which component gave up on the record: {@code consumer} or {@code bridge}. */
    public static final String COMPONENT = AVROGATE_PREFIX + "component";
    /** How often a handler was called; 0 when the record could not even be deserialized. Consumer only. */
    public static final String ATTEMPTS = AVROGATE_PREFIX + "attempts";
    /** The consumer group that gave up on the record. Consumer only. */
    public static final String GROUP_ID = AVROGATE_PREFIX + "group.id";
    /** The name of the bridge mapping that could not translate the record. Bridge only. */
    public static final String MAPPING = AVROGATE_PREFIX + "mapping";
    /** The target field the mapping could not produce, {@code (key)} for the key; absent when not about a field. */
    public static final String FIELD = AVROGATE_PREFIX + "field";

    private DeadLetterHeaders() {}

    /** True for a header this format writes; a record dead-lettered twice keeps only the newest reason. */
    public static boolean isErrorHeader(String key) {
        return key.startsWith(CONNECT_PREFIX) || key.startsWith(AVROGATE_PREFIX);
    }
}
