package io.avrogate.bench;

import io.avrogate.example.tracking.app.InAppEvent;
import io.avrogate.registry.RegistryServer;
import io.avrogate.serde.AvroDeserializer;
import io.avrogate.serde.AvroSerdeConfig;
import io.avrogate.serde.AvroSerializer;
import io.avrogate.testkit.EmbeddedKafka;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
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
 * Produce + consume throughput through a real embedded broker and our registry over HTTP: N in-app events with our
 * AvroSerializer/AvroDeserializer (specific records) against the very same bytes with Kafka's
 * ByteArraySerializer/ByteArrayDeserializer, in the same run, same topic layout, same client settings. The producer
 * (main thread) and the consumer (its own thread) run at the same time, as a pipeline does; the clock runs from the
 * first send to the last record consumed. Each side runs once to warm up (10% of N), then measured; the Avro/raw
 * ratio is the figure of merit.
 *
 * <pre>java -cp "bench/target/avrogate-bench.jar:bench/target/lib/*" io.avrogate.bench.SerdeThroughput [records]</pre>
 */
public final class SerdeThroughput {
    private static final int PARTITIONS = 3;
    private static final int POOL = 1_000;

    private SerdeThroughput() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        // The consumer reads generated classes (specific.avro.reader); Avro 1.12 instantiates only trusted packages.
        if (System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES") == null) {
            System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.avrogate.example");
        }
        System.out.printf("starting broker and registry...%n");
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             RegistryServer registry = RegistryServer.start(Map.of("listeners", "http://127.0.0.1:0",
                     "kafkastore.bootstrap.servers", kafka.bootstrapServers()))) {
            // A pool of distinct events, cycled (a million generated objects would measure the heap, not the serde).
            InAppEvent[] events = new InAppEvent[POOL];
            for (int i = 0; i < POOL; i++) events[i] = TrackingEvents.event(i);
            Map<String, Object> serdeConfigs = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                    AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
            byte[][] bytes = new byte[POOL][];
            try (AvroSerializer<InAppEvent> serializer = new AvroSerializer<>()) {
                serializer.configure(serdeConfigs, false);
                for (int i = 0; i < POOL; i++) bytes[i] = serializer.serialize("throughput-raw", events[i]);
            }
            System.out.printf("record size %d bytes (Confluent framing included)%n", bytes[0].length);

            Side avro = new Side("avro", i -> events[i % POOL], AvroSerializer.class, AvroDeserializer.class);
            Side raw = new Side("raw bytes", i -> bytes[i % POOL], ByteArraySerializer.class, ByteArrayDeserializer.class);
            int warmup = Math.max(10_000, records / 10);
            for (Side side : List.of(raw, avro)) side.run(kafka, serdeConfigs, warmup, "warm-up");
            Result rawResult = raw.run(kafka, serdeConfigs, records, "measured");
            Result avroResult = avro.run(kafka, serdeConfigs, records, "measured");
            System.out.printf(Locale.ROOT, "%nAvro / raw: produced %.2f, produced+consumed %.2f%n",
                    avroResult.produceRate() / rawResult.produceRate(),
                    avroResult.pipelineRate() / rawResult.pipelineRate());
        }
    }

    /** One measured pipeline: the producer sends while the consumer (another thread) reads, as in production. */
    record Result(long records, long produceNanos, long pipelineNanos) {
        double produceRate() { return records / (produceNanos / 1e9); }
        double pipelineRate() { return records / (pipelineNanos / 1e9); }
    }

    private record Side(String name, Function<Integer, Object> value, Class<? extends Serializer> serializer,
                        Class<? extends Deserializer> deserializer) {

        Result run(EmbeddedKafka kafka, Map<String, Object> serdeConfigs, int records, String phase) throws Exception {
            String topic = "throughput-" + name.replace(' ', '-') + "-" + phase + "-" + System.nanoTime();
            kafka.createTopic(topic, PARTITIONS);
            try (KafkaConsumer<byte[], Object> consumer = consumer(kafka, serdeConfigs, topic);
                 KafkaProducer<byte[], Object> producer = producer(kafka, serdeConfigs)) {
                producer.partitionsFor(topic); // metadata fetched before the clock starts
                AtomicLong consumedAt = new AtomicLong();
                AtomicReference<Exception> failure = new AtomicReference<>();
                AtomicLong acked = new AtomicLong();
                Thread reader = new Thread(() -> {
                    try {
                        consumeAll(consumer, records);
                        consumedAt.set(System.nanoTime());
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                }, "consumer");
                long start = System.nanoTime();
                reader.start();
                for (int i = 0; i < records; i++) {
                    producer.send(new ProducerRecord<>(topic, value.apply(i)), (metadata, e) -> {
                        if (e != null) failure.compareAndSet(null, e);
                        else acked.incrementAndGet();
                    });
                }
                producer.flush();
                long produced = System.nanoTime();
                reader.join();
                if (failure.get() != null) throw failure.get();
                if (acked.get() != records) throw new IllegalStateException("acked " + acked.get() + " of " + records);
                Result result = new Result(records, produced - start, consumedAt.get() - start);
                System.out.printf(Locale.ROOT, "%-9s %-8s %,9d records: produced at %,9.0f rec/s, produced+consumed at"
                        + " %,9.0f rec/s%n", name, phase, records, result.produceRate(), result.pipelineRate());
                return result;
            }
        }

        private KafkaProducer<byte[], Object> producer(EmbeddedKafka kafka, Map<String, Object> serdeConfigs) {
            Map<String, Object> configs = new HashMap<>(serdeConfigs);
            configs.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            configs.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            configs.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, serializer.getName());
            configs.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            configs.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
            // A shared, loaded machine can hold batches for a long time; a timeout here would measure nothing.
            configs.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(10).toMillis());
            configs.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(2).toMillis());
            return new KafkaProducer<>(configs);
        }

        private KafkaConsumer<byte[], Object> consumer(EmbeddedKafka kafka, Map<String, Object> serdeConfigs, String topic) {
            Map<String, Object> configs = new HashMap<>(serdeConfigs);
            configs.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            configs.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            configs.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, deserializer.getName());
            configs.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
            KafkaConsumer<byte[], Object> consumer = new KafkaConsumer<>(configs);
            List<TopicPartition> partitions = new java.util.ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) partitions.add(new TopicPartition(topic, p));
            consumer.assign(partitions); // no group: no rebalance time in the measurement
            consumer.seekToBeginning(partitions);
            return consumer;
        }

        private static void consumeAll(KafkaConsumer<byte[], Object> consumer, int records) {
            long seen = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
            while (seen < records) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("consumed only " + seen);
                ConsumerRecords<byte[], Object> batch = consumer.poll(Duration.ofMillis(100));
                for (var record : batch) {
                    if (record.value() == null) throw new IllegalStateException("null value at " + record.offset());
                    seen++;
                }
            }
        }
    }
}
