package io.avrogate.consumer;

import static io.avrogate.consumer.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code kafkaClientMetrics(true)}: Micrometer's metrics of the runner's consumer and dead-letter producer are in the
 * application's registry while the runner runs, and gone once it stopped; without it, none are.
 */
@ExtendWith(RegistryExtension.class)
class KafkaClientMetricsTest {

    @Test
    void theRunnersKafkaClientsAreMeteredWhileItRuns(EmbeddedKafka kafka, RegistryServer registry) {
        String topic = Fixtures.unique("client-metrics");
        String group = Fixtures.unique("client-metrics-group");
        Fixtures.createTopic(kafka, topic, 1);
        Fixtures.createTopic(kafka, topic + ".dlq", 1);
        Fixtures.produce(kafka, Fixtures.readings(registry, topic, 0, 5));
        Map<String, Object> config = Fixtures.runnerConfig(kafka, registry, topic, group);
        config.put(ConsumerRunnerConfig.DEAD_LETTER_TOPIC, topic + ".dlq");

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (ConsumerRunner<String, GenericRecord> runner = ConsumerRunner.<String, GenericRecord>builder(config)
                .handler((record, ack) -> { }).meterRegistry(meters).kafkaClientMetrics(true).build().start()) {
            await(Duration.ofSeconds(60), () -> runner.metrics().handled() == 5, () -> runner.metrics().toString());
            assertThat(meters.find("kafka.consumer.fetch.manager.records.consumed.total").tag("group", group)
                    .functionCounter()).isNotNull();
            assertThat(meters.find("kafka.producer.record.send.total").tag("group", group).functionCounter())
                    .as("the dead-letter producer").isNotNull();
        }
        assertThat(kafkaMeters(meters)).as("a stopped runner's clients are no longer read").isZero();

        SimpleMeterRegistry without = new SimpleMeterRegistry();
        try (ConsumerRunner<String, GenericRecord> runner = ConsumerRunner.<String, GenericRecord>builder(config)
                .handler((record, ack) -> { }).meterRegistry(without).build().start()) {
            await(Duration.ofSeconds(60), runner::isRunning, () -> "not running");
            assertThat(kafkaMeters(without)).isZero();
        }
    }

    private static long kafkaMeters(SimpleMeterRegistry meters) {
        return meters.getMeters().stream().map(Meter::getId).filter(id -> id.getName().startsWith("kafka.")).count();
    }
}
