package io.avrogate.consumer;

import io.avrogate.registry.RegistryServer;
import io.avrogate.serde.AvroDeserializer;
import io.avrogate.serde.AvroSerializer;
import io.avrogate.testkit.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Shared helpers of the runner tests: a small Avro schema, producing raw bytes, reading topics and group offsets. */
final class Fixtures {
    static final Schema READING = new Schema.Parser().parse("""
            {"type": "record", "name": "Reading", "namespace": "io.avrogate.consumer.test",
             "fields": [{"name": "id", "type": "long"}, {"name": "sensor", "type": "string"}]}""");

    private Fixtures() {}

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Creates a topic and waits until every partition has a leader that accepts writes. Producing the moment
     * createTopics returns can meet NOT_LEADER_OR_FOLLOWER on a busy single-node broker, after which the idempotent
     * producer was seen retrying OUT_OF_ORDER_SEQUENCE_NUMBER until its batches expired.
     */
    static void createTopic(EmbeddedKafka kafka, String topic, int partitions) {
        kafka.createTopic(topic, partitions);
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
            await(Duration.ofSeconds(30), () -> {
                var infos = producer.partitionsFor(topic);
                return infos.size() == partitions && infos.stream().allMatch(p -> p.leader() != null);
            }, () -> "partitions of " + topic + " without a leader");
        }
        try {
            Thread.sleep(200); // the leader's own replica manager applies the same metadata image a moment later
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static GenericRecord reading(long id) {
        GenericData.Record record = new GenericData.Record(READING);
        record.put("id", id);
        record.put("sensor", "sensor-" + id);
        return record;
    }

    /** Our serializer against the real registry: Confluent wire format, schema registered under topic-value. */
    static AvroSerializer<Object> serializer(RegistryServer registry) {
        AvroSerializer<Object> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", registry.url()), false);
        return serializer;
    }

    /** Runner settings: String keys, Avro values through our deserializer, created from the configuration. */
    static Map<String, Object> runnerConfig(EmbeddedKafka kafka, RegistryServer registry, String topic, String group) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerRunnerConfig.TOPICS, topic);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName());
        config.put("schema.registry.url", registry.url());
        return config;
    }

    static KafkaProducer<byte[], byte[]> producer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends every record and waits for all acknowledgements; the metadata is in input order. */
    static List<RecordMetadata> produce(EmbeddedKafka kafka, List<ProducerRecord<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> record : records) sent.add(producer.send(record));
            List<RecordMetadata> out = new ArrayList<>();
            for (Future<RecordMetadata> future : sent) out.add(future.get());
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("producing failed: " + e, e);
        }
    }

    /** Valid Avro readings {@code from..to-1}, keyed by id. */
    static List<ProducerRecord<byte[], byte[]>> readings(RegistryServer registry, String topic, long from, long to) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (AvroSerializer<Object> serializer = serializer(registry)) {
            for (long id = from; id < to; id++) {
                records.add(new ProducerRecord<>(topic, key(id), serializer.serialize(topic, reading(id))));
            }
        }
        return records;
    }

    static byte[] key(long id) {
        return ("key-" + id).getBytes(StandardCharsets.UTF_8);
    }

    /** Every record in the topic now, from the beginning. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(EmbeddedKafka kafka, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long expected = end.values().stream().mapToLong(Long::longValue).sum();
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    static Map<TopicPartition, Long> endOffsets(EmbeddedKafka kafka, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return new HashMap<>(consumer.endOffsets(partitions));
        }
    }

    /** The group's committed offsets, as the broker has them. */
    static Map<TopicPartition, Long> committed(EmbeddedKafka kafka, String group) {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> out = new HashMap<>();
            offsets.forEach((tp, offset) -> {
                if (offset != null) out.put(tp, offset.offset());
            });
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of group " + group + ": " + e, e);
        }
    }

    static String header(ConsumerRecord<?, ?> record, String key) {
        var header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * Waits until the condition holds; fails with the description when it does not within the bound. The bound is a
     * liveness limit (the thing must happen at all), not a performance assertion.
     */
    static void await(Duration bound, BooleanSupplier condition, Supplier<String> description) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("still not true after " + bound + ": "
                    + description.get());
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
