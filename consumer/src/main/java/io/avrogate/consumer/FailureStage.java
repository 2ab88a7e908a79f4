package io.avrogate.consumer;

/** Where processing of a record failed; written to the dead-letter record's {@code __avrogate.errors.stage} header. */
public enum FailureStage {
    KEY_DESERIALIZATION,
    VALUE_DESERIALIZATION,
    HANDLER
}
