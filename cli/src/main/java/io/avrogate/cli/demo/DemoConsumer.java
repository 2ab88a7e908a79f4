package io.avrogate.cli.demo;

import io.avrogate.serde.AvroDeserializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A downstream team's consumer that knows nothing about avrogate but its Avro deserializer: a plain Kafka consumer
 * in a consumer group, reading one topic's values as generic records (the schema comes from the registry by the id
 * in each record), committing as it goes. Starts at the end of the topic, as a service that is already running would.
 */
final class DemoConsumer implements AutoCloseable {
    private final KafkaConsumer<String, Object> consumer;
    private final Thread thread;
    private final AtomicLong read = new AtomicLong();
    private final AtomicReference<GenericRecord> last = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean assigned;
    private volatile boolean running = true;

    DemoConsumer(String bootstrapServers, String registryUrl, String group, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                "schema.registry.url", registryUrl);
        AvroDeserializer values = new AvroDeserializer();
        values.configure(config, false);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
        consumer.subscribe(List.of(topic));
        this.thread = new Thread(this::loop, "demo-consumer-" + group + "-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(100));
                if (!consumer.assignment().isEmpty()) {
                    // The position must exist before anyone produces, or 'latest' would skip their first records.
                    consumer.assignment().forEach(consumer::position);
                    assigned = true;
                }
                for (ConsumerRecord<String, Object> record : records) {
                    last.set((GenericRecord) record.value());
                    read.incrementAndGet();
                }
                if (!records.isEmpty()) consumer.commitSync();
            }
        } catch (Throwable e) {
            if (running) failure.set(e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Waits until the group has given this consumer its partitions (and their positions are known). */
    DemoConsumer awaitAssignment(Duration timeout) throws InterruptedException {
        Waits.until(() -> assigned, timeout, "consumer " + thread.getName() + " got no partitions");
        return this;
    }

    /** Waits until it has read this many records in all. */
    void awaitRead(long count, Duration timeout) throws InterruptedException {
        Waits.until(() -> read.get() >= count || failure.get() != null, timeout,
                "consumer " + thread.getName() + " read " + read.get() + " of " + count + " records");
        if (failure.get() != null) throw new IllegalStateException(thread.getName() + " failed: " + failure.get(), failure.get());
    }

    long read() {
        return read.get();
    }

    GenericRecord last() {
        return last.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
