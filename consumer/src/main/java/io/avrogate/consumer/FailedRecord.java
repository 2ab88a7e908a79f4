package io.avrogate.consumer;

import io.avrogate.serde.deadletter.DeadLetter;
import io.avrogate.serde.deadletter.DeadLetterStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record the runner gives up on, as handed to a {@link DeadLetterSink}: the raw record as it was read (key and
 * value bytes, headers, coordinates) and why.
 *
 * @param stage {@link DeadLetterStage#KEY_DESERIALIZATION}, {@link DeadLetterStage#VALUE_DESERIALIZATION} or
 *              {@link DeadLetterStage#HANDLER}
 * @param attempts how often the handler was called (0 when the record could not even be deserialized)
 */
public record FailedRecord(ConsumerRecord<byte[], byte[]> record, DeadLetterStage stage, Throwable error,
        int attempts) {
    /** The {@code component} this library writes into dead letters. */
    public static final String COMPONENT = "consumer";

    /** The failure in avrogate's one dead-letter format, as the consumer group {@code groupId} reports it. */
    public DeadLetter toDeadLetter(String groupId) {
        return DeadLetter.of(record.topic(), record.partition(), record.offset(), record.timestamp(), COMPONENT, stage,
                error, attempts, groupId, null, null);
    }
}
