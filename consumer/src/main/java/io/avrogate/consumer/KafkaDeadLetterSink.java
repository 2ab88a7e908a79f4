package io.avrogate.consumer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes dead letters to a Kafka topic: the original key and value bytes unchanged, the original headers (minus
 * error headers of an earlier dead-lettering, so a record re-consumed from a dead-letter topic states one reason),
 * and the {@link DeadLetterHeaders}. Each send waits for the broker's acknowledgement ({@code acks=all},
 * idempotent), so the caller may commit the original offset as soon as it returns.
 */
public final class KafkaDeadLetterSink implements DeadLetterSink {
    /** Stack traces are for people; a huge one must not make the record too large for the topic. */
    private static final int MAX_STACKTRACE_CHARS = 8_000;

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
    public void send(DeadLetter letter) throws InterruptedException, ExecutionException {
        ConsumerRecord<byte[], byte[]> original = letter.record();
        RecordHeaders headers = new RecordHeaders();
        for (Header header : original.headers()) {
            if (!header.key().startsWith(DeadLetterHeaders.PREFIX)) headers.add(header);
        }
        put(headers, DeadLetterHeaders.TOPIC, original.topic());
        put(headers, DeadLetterHeaders.PARTITION, Integer.toString(original.partition()));
        put(headers, DeadLetterHeaders.OFFSET, Long.toString(original.offset()));
        put(headers, DeadLetterHeaders.TIMESTAMP, Long.toString(original.timestamp()));
        put(headers, DeadLetterHeaders.STAGE, letter.stage().name());
        put(headers, DeadLetterHeaders.EXCEPTION_CLASS_NAME, letter.error().getClass().getName());
        put(headers, DeadLetterHeaders.EXCEPTION_MESSAGE, String.valueOf(letter.error().getMessage()));
        put(headers, DeadLetterHeaders.EXCEPTION_STACKTRACE, stackTrace(letter.error()));
        put(headers, DeadLetterHeaders.ATTEMPTS, Integer.toString(letter.attempts()));
        put(headers, DeadLetterHeaders.GROUP_ID, groupId);
        // Partition left to the producer: by key, so one key's dead letters stay in order.
        producer.send(new ProducerRecord<>(topic, null, null, original.key(), original.value(), headers)).get();
    }

    private static void put(RecordHeaders headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        String text = out.toString();
        return text.length() <= MAX_STACKTRACE_CHARS ? text : text.substring(0, MAX_STACKTRACE_CHARS) + "\n\t...";
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
