package io.avrogate.consumer;

import static io.avrogate.consumer.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Async acknowledgements out of order, the consumer JVM killed with SIGKILL in the middle, then restarted: every
 * record is processed at least once — the commits never passed a record that was not acknowledged — and the restart
 * resumed from committed progress rather than from the beginning.
 */
@ExtendWith(RegistryExtension.class)
class AsyncAckCrashTest {
    private static final int RECORDS = 6_000;

    @Test
    void aKilledConsumerSkipsNothingAfterRestart(EmbeddedKafka kafka, RegistryServer registry, @TempDir Path dir)
            throws Exception {
        String topic = Fixtures.unique("crash");
        String group = Fixtures.unique("crash-group");
        Fixtures.createTopic(kafka, topic, 3);
        List<RecordMetadata> written = Fixtures.produce(kafka, Fixtures.readings(registry, topic, 0, RECORDS));
        Set<String> expected = new HashSet<>();
        for (RecordMetadata m : written) expected.add(m.partition() + ":" + m.offset());

        Path firstRun = dir.resolve("run1.txt");
        Process first = startChild(kafka, registry, topic, group, firstRun, 1L, dir.resolve("child1.log"));
        try {
            await(Duration.ofSeconds(90), () -> processed(firstRun).size() >= 1_000,
                    () -> "first run processed " + processed(firstRun).size() + " (log: " + dir.resolve("child1.log") + ")");
        } finally {
            first.destroyForcibly();
            first.waitFor(30, TimeUnit.SECONDS);
        }
        Set<String> beforeKill = processed(firstRun);
        assertThat(beforeKill.size()).as("the kill came in the middle of the stream").isLessThan(RECORDS);

        Path secondRun = dir.resolve("run2.txt");
        Process second = startChild(kafka, registry, topic, group, secondRun, 2L, dir.resolve("child2.log"));
        try {
            await(Duration.ofSeconds(120), () -> union(beforeKill, processed(secondRun)).containsAll(expected),
                    () -> missing(expected, beforeKill, processed(secondRun)));
            // Let the restarted consumer finish its commits, then stop it gracefully (SIGTERM → close()).
            Map<TopicPartition, Long> end = Fixtures.endOffsets(kafka, topic);
            await(Duration.ofSeconds(30), () -> Fixtures.committed(kafka, group).equals(end),
                    () -> "committed " + Fixtures.committed(kafka, group) + ", end " + end);
        } finally {
            second.destroy();
            if (!second.waitFor(30, TimeUnit.SECONDS)) second.destroyForcibly();
        }
        Set<String> afterRestart = processed(secondRun);
        assertThat(union(beforeKill, afterRestart)).containsAll(expected);
        assertThat(afterRestart.size()).as("the restart resumed from committed offsets, not from the beginning")
                .isLessThan(RECORDS);
    }

    private static Process startChild(EmbeddedKafka kafka, RegistryServer registry, String topic, String group,
            Path output, long seed, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                AsyncAckChild.class.getName(), kafka.bootstrapServers(), registry.url(), topic, group,
                output.toString(), Long.toString(seed))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static Set<String> processed(Path file) {
        File f = file.toFile();
        if (!f.exists()) return Set.of();
        try {
            Set<String> out = new HashSet<>();
            for (String line : Files.readAllLines(file)) if (!line.isBlank()) out.add(line.trim());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return out;
    }

    private static String missing(Set<String> expected, Set<String> first, Set<String> second) {
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(first);
        missing.removeAll(second);
        return missing.size() + " record(s) never processed, e.g. " + missing.stream().limit(10).toList();
    }
}
