package io.avrogate.producer;

/** A partitioning rule of the application's own, e.g. by a field of the value. */
@FunctionalInterface
public interface PartitionFunction<K, V> {
    /**
     * The partition for a record: a number in {@code [0, partitionCount)}.
     *
     * @param partitionCount the topic's current number of partitions
     */
    int partition(String topic, K key, V value, int partitionCount);
}
