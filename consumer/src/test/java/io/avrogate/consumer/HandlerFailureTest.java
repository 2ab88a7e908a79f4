package io.avrogate.consumer;

import static io.avrogate.consumer.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.registry.RegistryServer;
import io.avrogate.serde.deadletter.DeadLetter;
import io.avrogate.serde.deadletter.DeadLetterStage;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A handler that fails: a transient failure is retried until it succeeds; a permanent one is retried the configured
 * number of times and then the record goes to the dead-letter topic carrying the handler's exception — in both
 * acknowledgement modes — and the records after it are processed and committed.
 */
@ExtendWith(RegistryExtension.class)
class HandlerFailureTest {
    private static final long BROKEN = 7;
    private static final long FLAKY = 3;

    @ParameterizedTest
    @ValueSource(strings = {"sync", "async"})
    void failingRecordsAreRetriedThenDeadLettered(String ackMode, EmbeddedKafka kafka, RegistryServer registry) {
        String topic = Fixtures.unique("failing-" + ackMode);
        String deadLetterTopic = topic + ".dlq";
        String group = Fixtures.unique("failing-group");
        Fixtures.createTopic(kafka, topic, 1);
        Fixtures.createTopic(kafka, deadLetterTopic, 1);
        Fixtures.produce(kafka, Fixtures.readings(registry, topic, 0, 20));

        Map<Long, AtomicInteger> calls = new ConcurrentHashMap<>();
        Set<Long> done = ConcurrentHashMap.newKeySet();
        ExecutorService workers = Executors.newFixedThreadPool(2);
        Map<String, Object> config = Fixtures.runnerConfig(kafka, registry, topic, group);
        config.put(ConsumerRunnerConfig.DEAD_LETTER_TOPIC, deadLetterTopic);
        config.put(ConsumerRunnerConfig.ACK_MODE, ackMode);
        config.put(ConsumerRunnerConfig.HANDLER_MAX_ATTEMPTS, 3);
        config.put(ConsumerRunnerConfig.HANDLER_RETRY_BACKOFF_MS, 10);
        RecordHandler<String, GenericRecord> process = (record, ack) -> {
            long id = (Long) record.value().get("id");
            int call = calls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            if (id == BROKEN) throw new IllegalStateException("reading " + id + " refers to an unknown sensor");
            if (id == FLAKY && call <= 2) throw new java.io.IOException("store unavailable (call " + call + ")");
            done.add(id);
        };
        RecordHandler<String, GenericRecord> handler = ackMode.equals("sync") ? process
                : (record, ack) -> workers.execute(() -> { // processed on another thread, reported through the ack
                    try {
                        process.handle(record, ack);
                        ack.acknowledge();
                    } catch (Exception e) {
                        ack.fail(e);
                    }
                });

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (ConsumerRunner<String, GenericRecord> runner = ConsumerRunner.<String, GenericRecord>builder(config)
                .handler(handler).meterRegistry(meters, Tags.of("app", "billing")).build().start()) {
            await(Duration.ofSeconds(60), () -> runner.metrics().handled() == 19 && runner.metrics().deadLettered() == 1,
                    () -> runner.metrics().toString());
            assertThat(done).hasSize(19).doesNotContain(BROKEN);
            assertThat(calls.get(FLAKY)).hasValue(3);
            assertThat(calls.get(BROKEN)).as("attempts of the broken record").hasValue(3);
            assertThat(runner.metrics().retries()).isEqualTo(4);
            await(Duration.ofSeconds(30), () -> Long.valueOf(20).equals(
                    Fixtures.committed(kafka, group).get(new TopicPartition(topic, 0))),
                    () -> "committed " + Fixtures.committed(kafka, group));

            // The same facts as meters in the application's registry, tagged with group, topic and the given tags.
            assertThat(meters.get("avrogate.consumer.records.handled").tags("app", "billing", "group", group, "topic",
                    topic).counter().count()).isEqualTo(19);
            assertThat(meters.get("avrogate.consumer.records.dead.lettered").tags("group", group, "topic", topic,
                    "stage", "HANDLER").counter().count()).isEqualTo(1);
            assertThat(meters.get("avrogate.consumer.retries").tags("group", group, "topic", topic).counter().count())
                    .isEqualTo(4);
            assertThat(meters.get("avrogate.consumer.commits").tag("group", group).counter().count())
                    .isEqualTo(runner.metrics().commits()).isPositive();
            assertThat(meters.get("avrogate.consumer.records.in.flight").tag("group", group).gauge().value()).isZero();
            await(Duration.ofSeconds(30), () -> meters.find("avrogate.consumer.lag").tags("topic", topic, "partition",
                    "0").gauge() != null && meters.get("avrogate.consumer.lag").tags("topic", topic, "partition", "0")
                    .gauge().value() == 0, () -> "lag " + meters.find("avrogate.consumer.lag").gauges().stream()
                    .map(g -> g.getId() + "=" + g.value()).toList());
        } finally {
            workers.shutdownNow();
        }
        assertThat(meters.find("avrogate.consumer.lag").gauges()).as("a stopped runner owns no partition").isEmpty();
        assertThat(meters.find("avrogate.consumer.records.in.flight").gauges()).isEmpty();

        List<ConsumerRecord<byte[], byte[]>> deadLetters = Fixtures.readAll(kafka, deadLetterTopic);
        assertThat(deadLetters).hasSize(1);
        ConsumerRecord<byte[], byte[]> letter = deadLetters.get(0);
        assertThat(letter.key()).isEqualTo(Fixtures.key(BROKEN));
        DeadLetter reason = DeadLetter.read(letter.headers()).orElseThrow();
        assertThat(reason.offset()).isEqualTo(BROKEN);
        assertThat(reason.component()).isEqualTo("consumer");
        assertThat(reason.stage()).isEqualTo(DeadLetterStage.HANDLER);
        assertThat(reason.exceptionClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(reason.exceptionMessage()).isEqualTo("reading 7 refers to an unknown sensor");
        assertThat(reason.stackTrace()).contains("HandlerFailureTest");
        assertThat(reason.attempts()).isEqualTo(3);
        assertThat(reason.groupId()).isEqualTo(group);
    }
}
