package io.avrogate.consumer;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The consumer of {@link AsyncAckCrashTest}, run as its own JVM so that the test can kill it abruptly. It
 * acknowledges every record after a random (seeded) delay on one of several threads, so acknowledgements arrive out
 * of order; before acknowledging it appends {@code partition:offset} to a file (unbuffered, so a kill keeps it).
 *
 * <p>Arguments: bootstrap servers, registry URL, topic, group, output file, seed.
 */
public final class AsyncAckChild {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0], registryUrl = args[1], topic = args[2], group = args[3], output = args[4];
        Random random = new Random(Long.parseLong(args[5]));
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(4);
        FileOutputStream out = new FileOutputStream(output, true);

        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "io.avrogate.serde.AvroDeserializer");
        config.put("schema.registry.url", registryUrl);
        config.put(ConsumerRunnerConfig.TOPICS, topic);
        config.put(ConsumerRunnerConfig.ACK_MODE, "async");
        config.put(ConsumerRunnerConfig.MAX_IN_FLIGHT_RECORDS, 50);
        // The killed run stays a group member until its session times out; keep that short so the restart joins soon.
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);

        ConsumerRunner<String, GenericRecord> runner = ConsumerRunner.<String, GenericRecord>builder(config)
                .handler((record, ack) -> {
                    long delay;
                    synchronized (random) {
                        delay = random.nextInt(30);
                    }
                    String line = record.partition() + ":" + record.offset() + "\n";
                    workers.schedule(() -> {
                        synchronized (out) {
                            try {
                                out.write(line.getBytes(StandardCharsets.UTF_8));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                        ack.acknowledge();
                    }, delay, TimeUnit.MILLISECONDS);
                })
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(runner::close));
        runner.run();
    }
}
