package io.avrogate.bridge;

import io.avrogate.serde.deadletter.DeadLetterStage;

/**
 * One record that cannot be bridged: its bytes do not decode, the mapping cannot translate it, or the result does
 * not encode in the old schema. The bridge dead-letters such a record and goes on; any other exception is treated
 * as a failure of the bridge itself (the transaction is aborted and the batch retried).
 */
public class UntranslatableRecordException extends RuntimeException {
    private final DeadLetterStage stage;
    private final String field;

    /**
     * @param stage where it failed: {@code KEY_DESERIALIZATION} or {@code VALUE_DESERIALIZATION} (the bytes do not
     *              decode), {@code TRANSLATION} (the mapping), {@code SERIALIZATION} (the old schema)
     * @param field the target field that could not be produced, {@code (key)} for the key, or null
     */
    public UntranslatableRecordException(DeadLetterStage stage, String field, String reason, Throwable cause) {
        super(reason, cause);
        this.stage = stage;
        this.field = field == null || field.isEmpty() ? null : field;
    }

    /** The stage of the shared dead-letter format at which the record failed. */
    public DeadLetterStage stage() {
        return stage;
    }

    /** The target field that could not be produced, {@code (key)} for the key, or null when not about a field. */
    public String field() {
        return field;
    }
}
