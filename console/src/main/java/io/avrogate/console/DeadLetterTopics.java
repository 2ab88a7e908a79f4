package io.avrogate.console;

import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.serde.deadletter.DeadLetter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The dead-letter topics in Kafka and what their records say about themselves ({@link DeadLetter#read}, the parser
 * every avrogate component's dead letters are written for), with the value decoded by its writer schema when it can
 * be. Read only: no consumer group is joined and nothing is committed.
 */
final class DeadLetterTopics implements AutoCloseable {
    /** The suffixes our components give their dead-letter topics: the consumer runner's and the bridge's. */
    static final List<String> SUFFIXES = List.of(".dlq", ".bridge-dlq", "-dlq");
    private static final Duration READ_LIMIT = Duration.ofSeconds(5);

    /**
     * One dead-letter record.
     *
     * @param letter       what the headers say, or null when the record carries no dead-letter headers
     * @param writerId     the schema id of the value in Confluent's wire format, or -1
     * @param decoded      the value as JSON when its writer schema reads it, else null
     * @param decodeFailed why the value could not be decoded, or null
     */
    record Entry(int partition, long offset, DeadLetter letter, int writerId, String decoded, String decodeFailed) {}

    private final Map<String, Object> kafka;
    private final Set<String> configured;
    private final SchemaRegistryClient registry;
    private final Admin admin;

    DeadLetterTopics(Map<String, Object> kafka, Set<String> configured, SchemaRegistryClient registry) {
        this.kafka = Map.copyOf(kafka);
        this.configured = Set.copyOf(configured);
        this.registry = registry;
        this.admin = Admin.create(this.kafka);
    }

    /** The configured dead-letter topics plus every topic named like one, sorted. */
    List<String> topics() {
        try {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                    .filter(t -> configured.contains(t) || SUFFIXES.stream().anyMatch(t::endsWith))
                    .sorted().toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not list its topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The newest {@code max} records of the topic (all partitions, read from the start up to the end offsets). */
    List<Entry> read(String topic, int max) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A page view must never create a topic, whatever name the URL holds.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Deque<Entry> newest = new ArrayDeque<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (!caughtUp(consumer, ends) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    newest.addLast(entry(record));
                    if (newest.size() > max) newest.removeFirst();
                }
            }
        }
        return List.copyOf(newest);
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) return false;
        }
        return true;
    }

    private Entry entry(ConsumerRecord<byte[], byte[]> record) {
        DeadLetter letter;
        try {
            letter = DeadLetter.read(record.headers()).orElse(null);
        } catch (IllegalArgumentException e) {
            letter = null;
        }
        byte[] value = record.value();
        if (value == null || value.length < 5 || value[0] != 0) {
            return new Entry(record.partition(), record.offset(), letter, -1, null,
                    value == null ? "no value" : "not in the registry's wire format (no magic byte 0 and schema id)");
        }
        int id = ByteBuffer.wrap(value, 1, 4).getInt();
        try {
            Schema writer = new Schema.Parser().setValidateDefaults(false).parse(registry.schemaById(id).schema());
            var reader = new GenericDatumReader<Object>(writer);
            var decoder = DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null);
            Object datum = reader.read(null, decoder);
            if (!decoder.isEnd()) throw new IOException((value.length - 5) + " bytes hold more than one value of the schema");
            return new Entry(record.partition(), record.offset(), letter, id, String.valueOf(datum), null);
        } catch (IOException | RuntimeException e) {
            return new Entry(record.partition(), record.offset(), letter, id, null,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
