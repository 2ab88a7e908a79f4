package io.avrogate.producer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A typed producer of Avro records: a {@link KafkaProducer} with avrogate's Avro serializer, governed defaults
 * (see {@link AvroProducerConfig}) and a choice of partitioning. Each send comes synchronous ({@code send}, returns
 * where the record landed, throws {@link ProduceException}) or asynchronous ({@code sendAsync}, a future that
 * completes the same way and never throws from the call itself).
 *
 * <pre>
 * try (AvroProducer&lt;String, InAppEvent&gt; producer = AvroProducer.&lt;String, InAppEvent&gt;builder()
 *         .configs(Map.of("bootstrap.servers", "localhost:9092", "schema.registry.url", "http://localhost:8081",
 *                         "default.topic", "app-events"))
 *         .build()) {
 *     RecordMetadata where = producer.send(userId, event);
 * }
 * </pre>
 *
 * Thread-safe, like KafkaProducer; share one instance.
 */
public final class AvroProducer<K, V> implements AutoCloseable {
    private final Producer<K, V> producer;
    private final String defaultTopic;
    private final PartitionStrategy strategy;
    private final PartitionFunction<K, V> function;
    private final Map<String, AtomicInteger> roundRobin = new ConcurrentHashMap<>();

    private AvroProducer(Producer<K, V> producer, String defaultTopic, PartitionStrategy strategy,
                         PartitionFunction<K, V> function) {
        this.producer = producer;
        this.defaultTopic = defaultTopic;
        this.strategy = strategy;
        this.function = function;
    }

    public static <K, V> Builder<K, V> builder() {
        return new Builder<>();
    }

    // ---- synchronous ------------------------------------------------------------------------------------------

    /** Sends to the default topic and waits for the acknowledgement. */
    public RecordMetadata send(K key, V value) {
        return await(sendAsync(key, value));
    }

    public RecordMetadata send(String topic, K key, V value) {
        return await(sendAsync(topic, key, value));
    }

    /** Sends to the given partition (null: the configured strategy picks one). */
    public RecordMetadata send(String topic, Integer partition, K key, V value) {
        return await(sendAsync(topic, partition, key, value));
    }

    // ---- asynchronous -----------------------------------------------------------------------------------------

    public CompletableFuture<RecordMetadata> sendAsync(K key, V value) {
        if (defaultTopic == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "no default topic: configure " + AvroProducerConfig.DEFAULT_TOPIC + " or name the topic"));
        }
        return sendAsync(defaultTopic, null, key, value);
    }

    public CompletableFuture<RecordMetadata> sendAsync(String topic, K key, V value) {
        return sendAsync(topic, null, key, value);
    }

    /**
     * Hands the record to Kafka. Serialization failures (unregistered schema, a value that does not fit) and broker
     * failures both complete the future exceptionally with a {@link ProduceException}.
     */
    public CompletableFuture<RecordMetadata> sendAsync(String topic, Integer partition, K key, V value) {
        return sendAsync(new ProducerRecord<>(topic, partition, key, value));
    }

    /** The general form, for records with headers or timestamps; a null partition is chosen by the strategy. */
    public CompletableFuture<RecordMetadata> sendAsync(ProducerRecord<K, V> record) {
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        try {
            Objects.requireNonNull(record.topic(), "topic");
            ProducerRecord<K, V> routed = record.partition() != null ? record : new ProducerRecord<>(record.topic(),
                    partitionFor(record.topic(), record.key(), record.value()), record.timestamp(), record.key(),
                    record.value(), record.headers());
            producer.send(routed, (metadata, error) -> {
                if (error == null) result.complete(metadata);
                else result.completeExceptionally(failure(routed.topic(), error));
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(failure(record.topic(), e));
        }
        return result;
    }

    /** Waits until every record sent so far is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    /** Flushes and closes, waiting up to 30 seconds for outstanding records. */
    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    public void close(Duration timeout) {
        producer.close(timeout);
    }

    /**
     * The Kafka producer underneath, for instrumentation such as Micrometer's {@code KafkaClientMetrics}; sending or
     * closing through it bypasses this class.
     */
    public Producer<K, V> kafkaProducer() {
        return producer;
    }

    /** The partition count of a topic, from the producer's metadata (fetched once, then cached by Kafka). */
    public int partitionCount(String topic) {
        return producer.partitionsFor(topic).size();
    }

    // ---- internals --------------------------------------------------------------------------------------------

    /** Null lets Kafka hash the serialized key; otherwise the strategy's or the function's choice. */
    private Integer partitionFor(String topic, K key, V value) {
        if (function == null && strategy == PartitionStrategy.KEY_HASH) return null;
        int count = partitionCount(topic);
        if (function != null) {
            int partition = function.partition(topic, key, value, count);
            if (partition < 0 || partition >= count) {
                throw new IllegalArgumentException("partition function chose partition " + partition + " but topic "
                        + topic + " has partitions 0 to " + (count - 1));
            }
            return partition;
        }
        return switch (strategy) {
            case ROUND_ROBIN -> Math.floorMod(roundRobin.computeIfAbsent(topic, t -> new AtomicInteger()).getAndIncrement(), count);
            case RANDOM -> ThreadLocalRandom.current().nextInt(count);
            case KEY_HASH -> null;
        };
    }

    private static ProduceException failure(String topic, Throwable error) {
        if (error instanceof ProduceException produce) return produce;
        return new ProduceException("record not written to " + topic + ": " + error.getMessage(), error);
    }

    private static RecordMetadata await(CompletableFuture<RecordMetadata> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw new ProduceException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProduceException("interrupted while waiting for the acknowledgement", e);
        }
    }

    /** Builds an {@link AvroProducer}. */
    public static final class Builder<K, V> {
        private final Map<String, Object> configs = new HashMap<>();
        private PartitionFunction<K, V> function;
        private Serializer<K> keySerializer;
        private Serializer<V> valueSerializer;

        private Builder() {}

        /** Kafka, serde and avrogate settings (see {@link AvroProducerConfig}); later calls override earlier ones. */
        public Builder<K, V> configs(Map<String, ?> settings) {
            configs.putAll(settings);
            return this;
        }

        public Builder<K, V> config(String name, Object value) {
            configs.put(name, value);
            return this;
        }

        public Builder<K, V> defaultTopic(String topic) {
            return config(AvroProducerConfig.DEFAULT_TOPIC, topic);
        }

        public Builder<K, V> partitionStrategy(PartitionStrategy strategy) {
            return config(AvroProducerConfig.PARTITION_STRATEGY, strategy.configName());
        }

        /** An application's own partitioning; it replaces the strategy. */
        public Builder<K, V> partitionFunction(PartitionFunction<K, V> partitionFunction) {
            this.function = partitionFunction;
            return this;
        }

        /**
         * Serializer instances instead of the configured classes. Kafka does not configure instances: configure them
         * before passing them in.
         */
        public Builder<K, V> serializers(Serializer<K> keys, Serializer<V> values) {
            this.keySerializer = keys;
            this.valueSerializer = values;
            return this;
        }

        public AvroProducer<K, V> build() {
            AvroProducerConfig config = new AvroProducerConfig(configs);
            Map<String, Object> kafka = config.kafkaConfigs();
            KafkaProducer<K, V> producer = keySerializer == null
                    ? new KafkaProducer<>(kafka)
                    : new KafkaProducer<>(kafka, keySerializer, valueSerializer);
            return new AvroProducer<>(producer, config.defaultTopic(), config.partitionStrategy(), function);
        }
    }
}
