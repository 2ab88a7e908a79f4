package io.avrogate.serde.deadletter;

/** Where processing of a record failed; the value of the {@link DeadLetterHeaders#STAGE} header. */
public enum DeadLetterStage {
    /** The key's bytes did not decode (wrong magic byte, unknown schema id, truncated, unreadable). */
    KEY_DESERIALIZATION,
    /** The value's bytes did not decode. */
    VALUE_DESERIALIZATION,
    /** The application's handler failed on the decoded record, after its retries. */
    HANDLER,
    /** A bridge mapping could not turn the decoded record into one of the old schema. */
    TRANSLATION,
    /** The translated record could not be encoded in the target schema. */
    SERIALIZATION
}
