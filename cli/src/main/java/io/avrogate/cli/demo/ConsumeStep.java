package io.avrogate.cli.demo;

import io.avrogate.consumer.ConsumerRunner;
import io.avrogate.consumer.ConsumerRunnerConfig;
import io.avrogate.serde.deadletter.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The analytics team's consumer counts clicks per campaign with the consumer library. Before it starts, a legacy job
 * that bypasses the gate writes a few records no Avro reader can decode into the same topic: the consumer
 * dead-letters each one with its reason and keeps going, instead of failing on it forever.
 */
final class ConsumeStep implements DemoStep {
    static final String GROUP = "click-analytics";

    /** What the consumer group got through: handled records, dead letters, and the reasons the dead-letter topic holds. */
    record Consumed(long handled, long deadLettered, String deadLetterTopic, List<String> reasons) implements Result {
        @Override
        public String summary() {
            return handled + " clicks handled by group " + GROUP + ", " + deadLettered + " poison pills dead-lettered to "
                    + deadLetterTopic + " with their reasons";
        }
    }

    @Override
    public String title() {
        return "Consume the clicks; poison pills go to the dead-letter topic";
    }

    /** Consumes what {@code ingested} put into its topic, plus the poison pills this step writes there first. */
    Consumed run(DemoContext context, StartStackStep.Stack stack, IngestEventsStep.Ingested ingested) throws Exception {
        String topic = ingested.topic();
        String deadLetterTopic = topic + ".dlq";
        String kafka = stack.bootstrapServers();
        stack.kafka().createTopic(deadLetterTopic, 1);
        List<String> pills = writePoisonPills(kafka, stack.registryUrl(), topic);

        Map<String, Long> clicksPerCampaign = new ConcurrentHashMap<>();
        Map<String, Object> configs = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerRunnerConfig.TOPICS, topic,
                ConsumerRunnerConfig.DEAD_LETTER_TOPIC, deadLetterTopic,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "io.avrogate.serde.AvroDeserializer",
                "schema.registry.url", stack.registryUrl());
        long expected = ingested.accepted();
        long handled;
        long deadLettered;
        try (ConsumerRunner<String, GenericRecord> runner = ConsumerRunner.<String, GenericRecord>builder(configs)
                .handler((record, ack) -> clicksPerCampaign.merge(record.value().get("campaign_id").toString(), 1L, Long::sum))
                .build().start()) {
            Waits.until(() -> runner.metrics().handled() >= expected && runner.metrics().deadLettered() >= pills.size()
                    || runner.failure() != null, Duration.ofSeconds(60), "the consumer did not get through " + topic);
            if (runner.failure() != null) throw new IllegalStateException("the consumer stopped: " + runner.failure(), runner.failure());
            handled = runner.metrics().handled();
            deadLettered = runner.metrics().deadLettered();
        }
        List<String> reasons = deadLetterReasons(kafka, deadLetterTopic);
        context.detail("clicks per campaign: " + new TreeMap<>(clicksPerCampaign));
        for (int i = 0; i < reasons.size(); i++) {
            context.detail("dead-lettered: " + reasons.get(i) + (i < pills.size() ? " (written: " + pills.get(i) + ")" : ""));
        }
        context.story().count("consume.handled", handled);
        context.story().count("consume.deadLettered", deadLettered);
        context.story().count("consume.deadLetterTopic", reasons.size());
        return new Consumed(handled, deadLettered, deadLetterTopic, reasons);
    }

    /** Writes records in the topic that are not valid Avro in the registry's wire format, and says what each is. */
    private static List<String> writePoisonPills(String kafka, String registryUrl, String topic) throws Exception {
        int realId;
        try (var client = io.avrogate.registry.client.SchemaRegistryClients.create(Map.of("schema.registry.url", registryUrl))) {
            realId = client.latest(topic + "-value").id();
        }
        List<byte[]> values = List.of(
                "{\"click_id\":\"7a1f\",\"ad_id\":\"ad-0001\"}".getBytes(StandardCharsets.UTF_8),
                ByteBuffer.allocate(9).put((byte) 0).putInt(99_999).putInt(42).array(),
                ByteBuffer.allocate(7).put((byte) 0).putInt(realId).put((byte) 0x48).put((byte) 0x37).array());
        List<String> what = List.of("plain JSON, no schema id", "an id the registry never issued",
                "schema id " + realId + " with a truncated body");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] value : values) producer.send(new ProducerRecord<>(topic, value)).get();
        }
        return what;
    }

    /** The reason each dead letter carries, in the order they were written. */
    private static List<String> deadLetterReasons(String kafka, String deadLetterTopic) {
        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partition = new org.apache.kafka.common.TopicPartition(deadLetterTopic, 0);
            consumer.assign(Set.of(partition));
            long end = consumer.endOffsets(Set.of(partition)).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    reasons.add(DeadLetter.read(record.headers()).map(DeadLetter::exceptionMessage)
                            .orElse("(no reason header)"));
                }
            }
        }
        return reasons;
    }
}
