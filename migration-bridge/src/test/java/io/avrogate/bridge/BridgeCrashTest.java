package io.avrogate.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once under crashes: the bridge runs as a child JVM and is killed hard (no shutdown hook, no abort, an
 * open transaction left behind) several times while bridging 100,000 records, and restarted each time. The old
 * topic must then hold each source record exactly once under read_committed.
 */
@ExtendWith(RegistryExtension.class)
class BridgeCrashTest {
    private static final int RECORDS = 100_000;
    private static final int KILLS = 4;

    @TempDir
    Path tempDir;

    @Test
    void killedAndRestartedSeveralTimesTheBridgeStillWritesEveryRecordExactlyOnce(EmbeddedKafka kafka, RegistryServer registry)
            throws Exception {
        AdClicksFixture fx = new AdClicksFixture(kafka, registry, tempDir, 3);
        List<byte[][]> sent = new ArrayList<>(RECORDS);
        for (int i = 0; i < RECORDS; i++) sent.add(new byte[][] {AdClicksFixture.key(i), fx.encode(AdClicksFixture.click(i))});
        fx.produce(sent);

        Path config = tempDir.resolve("bridge.properties");
        Properties props = new Properties();
        Map<String, Object> bridgeProps = fx.bridgeProps("crashy");
        bridgeProps.put("consumer.session.timeout.ms", "10000");
        bridgeProps.put("consumer.max.poll.records", "1000");
        bridgeProps.forEach((k, v) -> props.setProperty(k, v.toString()));
        try (Writer w = Files.newBufferedWriter(config)) {
            props.store(w, "crash test bridge");
        }

        Random random = new Random(42);
        int killed = 0;
        Process child = start(config, 0);
        try {
            while (killed < KILLS) {
                // Kill only once the bridge is making progress, so each kill hits a running transaction loop.
                long before = committedOnOldTopic(fx);
                awaitProgress(fx, before, child);
                Thread.sleep(300 + random.nextInt(700));
                child.destroyForcibly().waitFor();
                killed++;
                child = start(config, killed);
            }
            List<ConsumerRecord<byte[], byte[]>> bridged = fx.readCommitted(fx.oldTopic, r -> r.size() >= RECORDS, Duration.ofSeconds(60));
            Set<String> positions = new HashSet<>();
            List<String> duplicates = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : bridged) {
                String position = BridgeHeaders.text(r.headers(), BridgeHeaders.SOURCE_PARTITION) + "@"
                        + BridgeHeaders.text(r.headers(), BridgeHeaders.SOURCE_OFFSET);
                if (!positions.add(position)) duplicates.add(position);
            }
            assertThat(duplicates).as("source records bridged twice").isEmpty();
            assertThat(bridged).as("records on the old topic (read_committed) after %d hard kills", killed).hasSize(RECORDS);
            assertThat(positions).hasSize(RECORDS);
        } finally {
            child.destroyForcibly().waitFor();
            fx.close();
        }
    }

    private Process start(Path config, int incarnation) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.avrogate.example",
                "-cp", System.getProperty("java.class.path"), BridgeRunner.class.getName(), config.toString())
                .redirectErrorStream(true)
                .redirectOutput(tempDir.resolve("bridge-" + incarnation + ".log").toFile())
                .start();
    }

    /** Records committed on the old topic so far, from the bridge group's committed source offsets. */
    private static long committedOnOldTopic(AdClicksFixture fx) throws Exception {
        var offsets = fx.kafka.admin().listConsumerGroupOffsets(fx.group).partitionsToOffsetAndMetadata().get();
        return offsets.values().stream().filter(o -> o != null).mapToLong(o -> o.offset()).sum();
    }

    private void awaitProgress(AdClicksFixture fx, long before, Process child) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!child.isAlive()) {
                throw new AssertionError("the bridge exited by itself: " + Files.readString(tempDir.resolve("bridge-0.log")));
            }
            if (committedOnOldTopic(fx) > before) return;
            Thread.sleep(50);
        }
        throw new AssertionError("the bridge made no progress within 60 s");
    }
}
