package io.avrogate.consumer;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes dead letters to a Kafka topic in avrogate's one dead-letter format ({@link
 * io.avrogate.serde.deadletter.DeadLetter}): the original key and value bytes unchanged, the original headers (minus
 * error headers of an earlier dead-lettering, so a record re-consumed from a dead-letter topic states one reason),
 * and the error headers of {@link io.avrogate.serde.deadletter.DeadLetterHeaders}. Each send waits for the broker's
 * acknowledgement ({@code acks=all}, idempotent), so the caller may commit the original offset as soon as it returns.
 */
public final class KafkaDeadLetterSink implements DeadLetterSink {
    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final String groupId;

    public KafkaDeadLetterSink(String topic, String groupId, Map<String, Object> clientConfigs) {
        this.topic = topic;
        this.groupId = groupId;
        this.producer = new KafkaProducer<>(producerConfigs(clientConfigs), new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /** The consumer's connection and security settings that a producer understands, with safe delivery forced. */
    static Map<String, Object> producerConfigs(Map<String, Object> clientConfigs) {
        Map<String, Object> configs = new HashMap<>();
        clientConfigs.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) configs.put(key, value);
        });
        configs.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        Object clientId = clientConfigs.get(ProducerConfig.CLIENT_ID_CONFIG);
        if (clientId != null) configs.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-dead-letters");
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return configs;
    }

    @Override
    public void send(FailedRecord failed) throws InterruptedException, ExecutionException {
        ConsumerRecord<byte[], byte[]> original = failed.record();
        RecordHeaders headers = failed.toDeadLetter(groupId).toHeaders(original.headers());
        // Partition left to the producer: by key, so one key's dead letters stay in order.
        producer.send(new ProducerRecord<>(topic, null, null, original.key(), original.value(), headers)).get();
    }

    /** The producer, for its metrics. */
    Producer<byte[], byte[]> producer() {
        return producer;
    }

    @Override
    public void close() {
        producer.close();
    }

    @Override
    public String toString() {
        return "dead-letter topic " + topic;
    }
}
