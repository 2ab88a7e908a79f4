package io.avrogate.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** One record on its way through the handler: as read, as deserialized, and the progress of its partition. */
record Delivery<K, V>(ConsumerRecord<byte[], byte[]> raw, ConsumerRecord<K, V> record, PartitionProgress progress) {

    /** False once the partition was revoked or lost: its new owner reads the record again. */
    boolean isCurrent() {
        return !progress.isAbandoned();
    }

    String coordinates() {
        return coordinates(raw);
    }

    static String coordinates(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
