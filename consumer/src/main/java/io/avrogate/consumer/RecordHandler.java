package io.avrogate.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the application does with one deserialized record.
 *
 * <p>In {@code ack.mode=sync} the record is processed when this method returns normally; throwing (or calling
 * {@link Acknowledgement#fail}) means it failed, and it is retried, then dead-lettered. The next record waits.
 *
 * <p>In {@code ack.mode=async} the method should return quickly, handing the work elsewhere; the record counts as
 * processed only when {@code ack.acknowledge()} is called (from any thread, in any order). {@code ack.fail(e)} or
 * throwing from this method starts the retries. A record that is never acknowledged is never committed past.
 *
 * <p>The runner calls this method from its own (polling) thread only. A record may be delivered more than once
 * (after a crash, a rebalance, or a retry): handlers should be idempotent.
 */
@FunctionalInterface
public interface RecordHandler<K, V> {
    void handle(ConsumerRecord<K, V> record, Acknowledgement ack) throws Exception;
}
