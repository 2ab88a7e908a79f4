package io.avrogate.bench;

import io.avrogate.testkit.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One side of {@link SerdeThroughput} (raw bytes or Avro): runs a round on a fresh topic, the producer sending on
 * the calling thread while a consumer thread reads, and watches progress. When neither acknowledgements nor consumed
 * records advance for the stall timeout, the round is aborted (producer closed without waiting, consumer woken up)
 * and reported as stalled instead of producing a rate.
 */
final class ThroughputRound {
    private static final int PARTITIONS = 3;

    private final EmbeddedKafka kafka;
    private final Map<String, Object> serdeConfigs;
    private final String name;
    private final IntFunction<Object> values;
    private final Class<? extends Serializer> serializer;
    private final Class<? extends Deserializer> deserializer;
    private final boolean tunedBatching;
    private final Duration stallAfter;

    ThroughputRound(EmbeddedKafka kafka, Map<String, Object> serdeConfigs, String name, IntFunction<Object> values,
                    Class<? extends Serializer> serializer, Class<? extends Deserializer> deserializer,
                    boolean tunedBatching, Duration stallAfter) {
        this.kafka = kafka;
        this.serdeConfigs = serdeConfigs;
        this.name = name;
        this.values = values;
        this.serializer = serializer;
        this.deserializer = deserializer;
        this.tunedBatching = tunedBatching;
        this.stallAfter = stallAfter;
    }

    /** A completed round (rates) or a stalled one (no rates). */
    record Result(long records, long produceNanos, long pipelineNanos, boolean stalled) {
        double produceRate() { return records / (produceNanos / 1e9); }
        double pipelineRate() { return records / (pipelineNanos / 1e9); }
    }

    Result run(int records, String phase) throws Exception {
        String topic = "throughput-" + name + "-" + (tunedBatching ? "tuned" : "default") + "-"
                + phase.replace(' ', '-') + "-" + System.nanoTime();
        kafka.createTopic(topic, PARTITIONS);
        KafkaConsumer<byte[], Object> consumer = consumer(topic);
        KafkaProducer<byte[], Object> producer = producer();
        AtomicLong acked = new AtomicLong();
        AtomicLong consumed = new AtomicLong();
        AtomicLong consumedAt = new AtomicLong();
        AtomicBoolean stalled = new AtomicBoolean();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try {
            producer.partitionsFor(topic); // metadata fetched before the clock starts
            Thread reader = new Thread(() -> {
                try {
                    consumeAll(consumer, records, consumed, stalled);
                    consumedAt.set(System.nanoTime());
                } catch (Exception e) {
                    if (!stalled.get()) failure.compareAndSet(null, e);
                }
            }, "consumer-" + topic);
            Thread watchdog = new Thread(() -> watch(records, acked, consumed, stalled, producer, consumer),
                    "watchdog-" + topic);
            watchdog.setDaemon(true);
            long start = System.nanoTime();
            reader.start();
            watchdog.start();
            long produced = send(producer, topic, records, acked, failure, stalled);
            reader.join();
            watchdog.interrupt();
            if (stalled.get()) {
                System.out.printf(Locale.ROOT, "%-4s %-9s %,9d records: STALL (no progress for %d s at %,d acked,"
                        + " %,d consumed): not counted%n", name, phase, records, stallAfter.toSeconds(), acked.get(),
                        consumed.get());
                return new Result(records, 0, 0, true);
            }
            if (failure.get() != null) throw failure.get();
            if (acked.get() != records) throw new IllegalStateException("acked " + acked.get() + " of " + records);
            Result result = new Result(records, produced - start, consumedAt.get() - start, false);
            System.out.printf(Locale.ROOT, "%-4s %-9s %,9d records: produced at %,9.0f rec/s, produced+consumed at"
                    + " %,9.0f rec/s%n", name, phase, records, result.produceRate(), result.pipelineRate());
            return result;
        } finally {
            producer.close(stalled.get() ? Duration.ZERO : Duration.ofSeconds(30));
            consumer.close(Duration.ZERO);
        }
    }

    /** Sends every record and waits for the acknowledgements; returns when the last one arrived (or the round stalled). */
    private long send(KafkaProducer<byte[], Object> producer, String topic, int records, AtomicLong acked,
                      AtomicReference<Exception> failure, AtomicBoolean stalled) {
        try {
            for (int i = 0; i < records && !stalled.get(); i++) {
                producer.send(new ProducerRecord<>(topic, values.apply(i)), (metadata, e) -> {
                    if (e != null) {
                        if (!stalled.get()) failure.compareAndSet(null, e);
                    } else {
                        acked.incrementAndGet();
                    }
                });
            }
            producer.flush();
        } catch (RuntimeException e) {
            // A producer closed by the watchdog fails its pending send or flush: that is the stall, not an error.
            if (!stalled.get()) throw e;
        }
        return System.nanoTime();
    }

    /** Aborts the round once acknowledgements and consumed records have both stood still for the stall timeout. */
    private void watch(int records, AtomicLong acked, AtomicLong consumed, AtomicBoolean stalled,
                       KafkaProducer<byte[], Object> producer, KafkaConsumer<byte[], Object> consumer) {
        long last = -1;
        long lastChange = System.nanoTime();
        try {
            while (true) {
                Thread.sleep(200);
                long progress = acked.get() + consumed.get();
                if (progress == 2L * records) return;
                if (progress != last) {
                    last = progress;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > stallAfter.toNanos()) {
                    stalled.set(true);
                    consumer.wakeup();
                    producer.close(Duration.ZERO); // thread-safe; fails pending sends so the sender returns
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private KafkaProducer<byte[], Object> producer() {
        Map<String, Object> configs = new HashMap<>(serdeConfigs);
        configs.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        configs.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        configs.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, serializer.getName());
        if (tunedBatching) {
            configs.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            configs.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        }
        // Stalls are detected by the watchdog; client timeouts must not fire first and turn one into an error.
        configs.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(10).toMillis());
        configs.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(2).toMillis());
        configs.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofMinutes(10).toMillis());
        return new KafkaProducer<>(configs);
    }

    private KafkaConsumer<byte[], Object> consumer(String topic) {
        Map<String, Object> configs = new HashMap<>(serdeConfigs);
        configs.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        configs.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        configs.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, deserializer.getName());
        configs.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        KafkaConsumer<byte[], Object> consumer = new KafkaConsumer<>(configs);
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) partitions.add(new TopicPartition(topic, p));
        consumer.assign(partitions); // no group: no rebalance time in the measurement
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static void consumeAll(KafkaConsumer<byte[], Object> consumer, int records, AtomicLong consumed,
                                   AtomicBoolean stalled) {
        long seen = 0;
        while (seen < records && !stalled.get()) {
            ConsumerRecords<byte[], Object> batch = consumer.poll(Duration.ofMillis(100));
            for (var record : batch) {
                if (record.value() == null) throw new IllegalStateException("null value at " + record.offset());
                seen++;
            }
            consumed.set(seen);
        }
    }
}
