package io.avrogate.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record that could not be processed: the raw record as it was read (key and value bytes, headers, coordinates)
 * and why.
 *
 * @param attempts how often the handler was called (0 when the record could not even be deserialized)
 */
public record DeadLetter(ConsumerRecord<byte[], byte[]> record, FailureStage stage, Throwable error, int attempts) {}
