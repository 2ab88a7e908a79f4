package io.avrogate.bridge;

/**
 * The per-record step of the bridge, on raw Kafka bytes: the loop around it (transactions, offsets, dead letters)
 * does not know about Avro. {@link AvroMappingTransform} is the real one; {@link #copy()} carries bytes unchanged
 * (the baseline the benchmark compares against).
 */
public interface RecordTransform {

    /**
     * The value to write to the old topic. A null value (a tombstone) stays null.
     *
     * @throws UntranslatableRecordException when this record cannot be bridged (it is dead-lettered)
     */
    byte[] value(byte[] value);

    /** The key to write to the old topic; keys are carried unchanged unless a transform says otherwise. */
    default byte[] key(byte[] key) {
        return key;
    }

    /** Bytes in, the same bytes out. */
    static RecordTransform copy() {
        return value -> value;
    }
}
