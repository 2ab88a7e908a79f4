package io.avrogate.producer;

/**
 * How {@link AvroProducer} picks a partition when the caller does not name one. A caller's explicit partition always
 * wins. For a strategy of your own, give the builder a {@link PartitionFunction}.
 */
public enum PartitionStrategy {
    /**
     * Kafka's own: murmur2 hash of the serialized key modulo the partition count, so one key always lands in one
     * partition (as long as the partition count and the key's schema id stay the same: the Confluent framing is part
     * of the hashed bytes). Records without key are spread by Kafka's sticky partitioning.
     */
    KEY_HASH("key-hash"),
    /** Each record to the next partition of its topic in turn, ignoring the key. */
    ROUND_ROBIN("round-robin"),
    /** Each record to a uniformly random partition, ignoring the key. */
    RANDOM("random");

    private final String configName;

    PartitionStrategy(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration ({@code partition.strategy}). */
    public String configName() {
        return configName;
    }

    public static PartitionStrategy fromConfigName(String name) {
        for (PartitionStrategy strategy : values()) {
            if (strategy.configName.equalsIgnoreCase(name)) return strategy;
        }
        throw new IllegalArgumentException("unknown partition strategy '" + name + "'; expected key-hash, round-robin or random");
    }
}
