package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.registry.RegistryServer;
import io.avrogate.serde.AvroSerializer;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code avrogate consume -p ack.mode=async} as its own JVM against the real broker and registry, killed with
 * SIGKILL in the middle of the stream and started again in the same group: every record is printed at least once,
 * what was committed before the kill had all been printed, and the restart resumes at the committed offsets instead
 * of the beginning. The test reads the command's stdout through a pipe, slowly, so that the kill lands mid-stream
 * however fast the machine is; the lines printed after the last commit are printed again by the restart. (Before the fix the command printed max.in.flight.records lines, then stalled, committing
 * nothing: its handler never acknowledged.)
 */
@ExtendWith(RegistryExtension.class)
class AsyncConsumeKillTest {
    private static final Logger log = LoggerFactory.getLogger(AsyncConsumeKillTest.class);
    private static final Schema CLICK = new Schema.Parser().parse("""
            {"type": "record", "name": "Click", "namespace": "io.avrogate.cli.test.kill", "fields": [
              {"name": "id", "type": "long"}, {"name": "placement", "type": "string"}]}""");
    private static final int PARTITIONS = 3;

    /**
     * 13 s measured on a quiet run, 55 s with the 2 cores shared by a dozen builds (plus the broker and registry
     * start when this class runs first); much of it the two JVM starts and the killed member's 6 s session timeout.
     */
    @Test
    void twentyThousandRecordsWithAKillInTheMiddle(EmbeddedKafka kafka, RegistryServer registry, @TempDir Path dir)
            throws Exception {
        killAndRestart(kafka, registry, dir, 20_000);
    }

    /** The size: 36 s measured (plus the broker and registry start). {@code -Pslow} runs it. */
    @Test
    @Tag("slow")
    void hundredThousandRecordsWithAKillInTheMiddle(EmbeddedKafka kafka, RegistryServer registry, @TempDir Path dir)
            throws Exception {
        killAndRestart(kafka, registry, dir, 100_000);
    }

    private static void killAndRestart(EmbeddedKafka kafka, RegistryServer registry, Path dir, int records)
            throws Exception {
        long started = System.nanoTime();
        String topic = "async-kill-" + UUID.randomUUID().toString().substring(0, 8);
        String group = topic + "-group";
        kafka.createTopic(topic, PARTITIONS);
        produce(kafka, registry, topic, records);
        Map<TopicPartition, Long> end = endOffsets(kafka, topic);
        assertThat(end.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(records);

        Process first = consume(kafka, registry, topic, group, dir.resolve("run1.err"));
        PrintedRecords firstRun = new PrintedRecords(first);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            // Read slowly to 40 % and until something is committed; then the command blocks on the full pipe.
            Future<Boolean> midStream = reader.submit(() -> firstRun.readSlowlyUntil(records * 2 / 5,
                    () -> !committed(kafka, group).isEmpty()));
            try {
                assertThat(midStream.get(120, TimeUnit.SECONDS)).as("the first run's output ended early, at %d (%s)",
                        firstRun.count(), dir.resolve("run1.err")).isTrue();
            } catch (TimeoutException e) {
                throw new AssertionError("the first run printed " + firstRun.count() + " records and nothing was"
                        + " committed within 120 s (stderr: " + dir.resolve("run1.err") + ")");
            } finally {
                // SIGKILL: no shutdown hook, no final commit. Through the handle: Process.destroyForcibly() would
                // also close our end of the pipe, losing the lines the command wrote last.
                first.toHandle().destroyForcibly();
                first.waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            reader.shutdown();
            reader.awaitTermination(30, TimeUnit.SECONDS);
        }
        firstRun.readToEnd(); // what the command wrote before it died, still in the pipe
        assertThat(firstRun.count()).as("killed in the middle of the stream").isLessThan(records);
        Map<TopicPartition, Long> committedAtKill = committed(kafka, group);
        assertThat(committedAtKill.values().stream().mapToLong(Long::longValue).sum())
                .as("progress was committed before the kill").isPositive();
        committedAtKill.forEach((tp, offset) -> assertThat(firstRun.allBelow(tp.partition(), offset))
                .as("every record below the committed offset %s of %s was printed", offset, tp).isTrue());

        Process second = consume(kafka, registry, topic, group, dir.resolve("run2.err"));
        PrintedRecords secondRun = new PrintedRecords(second);
        Thread secondReader = secondRun.readToEndInBackground();
        try {
            await(Duration.ofSeconds(180), () -> PrintedRecords.coverAll(end, firstRun, secondRun),
                    () -> "printed " + firstRun.count() + " + " + secondRun.count() + " of " + records
                            + " (stderr: " + dir.resolve("run2.err") + ")");
            await(Duration.ofSeconds(30), () -> committed(kafka, group).equals(end),
                    () -> "committed " + committed(kafka, group) + ", end " + end);
        } finally {
            second.destroy(); // SIGTERM: the shutdown hook closes the runner
            if (!second.waitFor(30, TimeUnit.SECONDS)) second.destroyForcibly();
            secondReader.join(30_000);
        }
        assertThat(PrintedRecords.coverAll(end, firstRun, secondRun)).as("no record skipped").isTrue();
        for (int p = 0; p < PARTITIONS; p++) {
            Long resumedAt = committedAtKill.get(new TopicPartition(topic, p));
            if (resumedAt != null && resumedAt < end.get(new TopicPartition(topic, p))) {
                assertThat(secondRun.lowestOffset(p)).as("the restart resumed partition %d at its committed offset", p)
                        .isEqualTo(resumedAt);
            }
        }
        assertThat(secondRun.count()).as("the restart did not start from zero").isLessThan(records);
        log.info("{} records: the first run printed {} before the kill, committed {}; the second printed {}; {} s",
                records, firstRun.count(), committedAtKill.values(), secondRun.count(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    /** The real command line, in a JVM of its own; its stdout (the JSON lines) is a pipe to this test. */
    private static Process consume(EmbeddedKafka kafka, RegistryServer registry, String topic, String group,
            Path stderr) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m",
                // the CLI's own logging (stderr), not the test class path's logback-test.xml (stdout)
                "-Dlogback.configurationFile=logback.xml", "-DAVROGATE_LOG_LEVEL=INFO",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "consume", "--topic", topic, "--group", group, "--from-beginning",
                "--bootstrap-servers", kafka.bootstrapServers(), "--registry", registry.url(),
                "-p", "ack.mode=async",
                // the killed member stays in the group until its session times out; the restart waits for that
                "-p", "session.timeout.ms=6000", "-p", "heartbeat.interval.ms=1000")
                .redirectError(stderr.toFile())
                .start();
    }

    private static void produce(EmbeddedKafka kafka, RegistryServer registry, String topic, int records) {
        try (AvroSerializer<Object> serializer = new AvroSerializer<>();
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG, 10), new StringSerializer(), new ByteArraySerializer())) {
            serializer.configure(Map.of("schema.registry.url", registry.url()), false);
            for (int i = 0; i < records; i++) {
                GenericData.Record click = new GenericData.Record(CLICK);
                click.put("id", (long) i);
                click.put("placement", i % 2 == 0 ? "FEED" : "SEARCH");
                producer.send(new ProducerRecord<>(topic, "click-" + i, serializer.serialize(topic, click)));
            }
            producer.flush();
        }
    }

    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static Map<TopicPartition, Long> endOffsets(EmbeddedKafka kafka, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        try (Admin admin = admin(kafka)) {
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        }
    }

    private static Map<TopicPartition, Long> committed(EmbeddedKafka kafka, String group) {
        try (Admin admin = admin(kafka)) {
            Map<TopicPartition, Long> out = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            offsets.forEach((tp, offset) -> {
                if (offset != null) out.put(tp, offset.offset());
            });
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of group " + group + ": " + e, e);
        }
    }

    private static void await(Duration bound, BooleanSupplier condition, Supplier<String> description)
            throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within " + bound + ": " + description.get());
            Thread.sleep(250);
        }
    }
}
