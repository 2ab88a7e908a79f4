package io.avrogate.bridge;

/**
 * One record that cannot be bridged: its bytes do not decode, the mapping cannot translate it, or the result does
 * not encode in the old schema. The bridge dead-letters such a record and goes on; any other exception is treated
 * as a failure of the bridge itself (the transaction is aborted and the batch retried).
 */
public class UntranslatableRecordException extends RuntimeException {
    /** Where it failed. */
    public enum Stage { DECODE, TRANSLATE, ENCODE }

    private final Stage stage;
    private final String field;

    public UntranslatableRecordException(Stage stage, String field, String reason, Throwable cause) {
        super(reason, cause);
        this.stage = stage;
        this.field = field == null ? "" : field;
    }

    public Stage stage() {
        return stage;
    }

    /** The target field that could not be produced, or "" when the failure is not about one field. */
    public String field() {
        return field;
    }
}
