package io.avrogate.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Assembles a {@link ConsumerRunner} ({@link ConsumerRunner#builder}); deserializers not given are created from
 * {@code key.deserializer}/{@code value.deserializer}, the dead-letter sink from {@code dead.letter.topic}.
 */
public final class ConsumerRunnerBuilder<K, V> {
    private final Map<String, ?> configs;
    private Deserializer<K> keyDeserializer;
    private Deserializer<V> valueDeserializer;
    private RecordHandler<K, V> handler;
    private DeadLetterSink deadLetterSink;
    private MeterRegistry meterRegistry;
    private Iterable<Tag> meterTags = Tags.empty();
    private boolean kafkaClientMetrics;

    ConsumerRunnerBuilder(Map<String, ?> configs) {
        this.configs = Map.copyOf(configs);
    }

    /** A configured deserializer; the runner closes it. */
    public ConsumerRunnerBuilder<K, V> keyDeserializer(Deserializer<K> deserializer) {
        this.keyDeserializer = deserializer;
        return this;
    }

    /** A configured deserializer; the runner closes it. */
    public ConsumerRunnerBuilder<K, V> valueDeserializer(Deserializer<V> deserializer) {
        this.valueDeserializer = deserializer;
        return this;
    }

    public ConsumerRunnerBuilder<K, V> handler(RecordHandler<K, V> handler) {
        this.handler = handler;
        return this;
    }

    /** Where failed records go instead of {@code dead.letter.topic} (e.g. a file, or the console of a CLI). */
    public ConsumerRunnerBuilder<K, V> deadLetterSink(DeadLetterSink sink) {
        this.deadLetterSink = sink;
        return this;
    }

    /**
     * Where the runner's meters go ({@link RunnerMetrics}: {@code avrogate.consumer.*}, tagged with the group);
     * by default a registry of its own, read through {@link ConsumerRunner#metrics()}.
     */
    public ConsumerRunnerBuilder<K, V> meterRegistry(MeterRegistry registry) {
        return meterRegistry(registry, Tags.empty());
    }

    /** As {@link #meterRegistry(MeterRegistry)}, with tags added to every meter (e.g. to tell runners apart). */
    public ConsumerRunnerBuilder<K, V> meterRegistry(MeterRegistry registry, Iterable<Tag> tags) {
        this.meterRegistry = Objects.requireNonNull(registry, "registry");
        this.meterTags = Objects.requireNonNull(tags, "tags");
        return this;
    }

    /**
     * Also binds Micrometer's metrics of the runner's Kafka consumer and of its dead-letter producer (fetch rates,
     * records lag, request latencies, ...) to the meter registry, while the runner runs. Off by default: each bound
     * client costs a refresh thread.
     */
    public ConsumerRunnerBuilder<K, V> kafkaClientMetrics(boolean enabled) {
        this.kafkaClientMetrics = enabled;
        return this;
    }

    public ConsumerRunner<K, V> build() {
        Objects.requireNonNull(handler, "a handler is required");
        ConsumerRunnerConfig config = new ConsumerRunnerConfig(configs);
        Map<String, Object> clientConfigs = config.passThrough();
        Deserializer<K> keys = keyDeserializer != null ? keyDeserializer
                : deserializerFromConfig(clientConfigs, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, true);
        Deserializer<V> values = valueDeserializer != null ? valueDeserializer
                : deserializerFromConfig(clientConfigs, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, false);
        Map<String, Object> consumerConfigs = new HashMap<>(clientConfigs);
        consumerConfigs.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        consumerConfigs.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        consumerConfigs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Only reached when a committed offset is out of range: never jump past unread records.
        consumerConfigs.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        DeadLetterSink sink = deadLetterSink;
        if (sink == null && config.deadLetterTopic() != null) {
            sink = new KafkaDeadLetterSink(config.deadLetterTopic(), config.groupId(), clientConfigs);
        }
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfigs, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        ConsumerRunner<K, V> runner = new ConsumerRunner<>(config, consumer, keys, values, handler, sink,
                meterRegistry != null ? meterRegistry : new SimpleMeterRegistry(), meterTags);
        if (kafkaClientMetrics) {
            runner.metrics().bindKafkaClient(consumer);
            if (sink instanceof KafkaDeadLetterSink kafkaSink) runner.metrics().bindKafkaClient(kafkaSink.producer());
        }
        return runner;
    }

    @SuppressWarnings("unchecked")
    private static <T> Deserializer<T> deserializerFromConfig(Map<String, Object> configs, String key, boolean isKey) {
        Object value = configs.get(key);
        if (value == null) {
            throw new ConfigException(key, null, "no " + (isKey ? "key" : "value") + " deserializer: set " + key
                    + " (e.g. io.avrogate.serde.AvroDeserializer) or pass one to the builder");
        }
        Deserializer<T> deserializer;
        try {
            deserializer = value instanceof Class<?> type ? Utils.newInstance((Class<Deserializer<T>>) type)
                    : Utils.newInstance(value.toString().trim(), Deserializer.class);
        } catch (ClassNotFoundException | KafkaException e) {
            throw new ConfigException(key, value, "cannot create the deserializer: " + e.getMessage());
        }
        deserializer.configure(configs, isKey);
        return deserializer;
    }
}
