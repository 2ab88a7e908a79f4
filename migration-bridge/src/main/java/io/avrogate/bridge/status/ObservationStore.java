package io.avrogate.bridge.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Observations kept in a small compacted topic (one record per topic and group, JSON), so that samples taken by
 * different runs of {@code bridge status} and by running bridges add up to a history. Read whole on each use: it
 * holds one record per consumer group of bridged topics. Its consumer and producer are built on first use and kept
 * until {@link #close()}, so a running bridge that samples every minute does not start two clients a minute. Like
 * Kafka's clients, one store is used by one thread at a time.
 */
public final class ObservationStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Admin admin;
    private final String topic;
    private final Properties clientProps;
    private KafkaConsumer<String, String> consumer;
    private KafkaProducer<String, String> producer;

    public ObservationStore(Admin admin, String topic, Properties clientProps) {
        this.admin = admin;
        this.topic = topic;
        this.clientProps = clientProps;
    }

    /** Every observation of {@code observedTopic}, by group. Creates the state topic on first use. */
    public Map<String, GroupObservation> load(String observedTopic) {
        ensureTopic();
        KafkaConsumer<String, String> consumer = consumer();
        TopicPartition tp = new TopicPartition(topic, 0);
        consumer.seekToBeginning(List.of(tp));
        long end = consumer.endOffsets(List.of(tp)).get(tp);
        long deadline = System.currentTimeMillis() + 30_000;
        Map<String, GroupObservation> out = new HashMap<>();
        while (consumer.position(tp) < end) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("could not read the state topic " + topic + " within 30 s");
            }
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.value() == null) continue;
                GroupObservation o = parse(r.value());
                if (o.topic().equals(observedTopic)) out.put(o.group(), o);
            }
        }
        return out;
    }

    public void save(Collection<GroupObservation> observations) {
        if (observations.isEmpty()) return;
        KafkaProducer<String, String> producer = producer();
        for (GroupObservation o : observations) {
            producer.send(new ProducerRecord<>(topic, 0, o.key(), write(o)));
        }
        producer.flush();
    }

    @Override
    public void close() {
        if (consumer != null) consumer.close();
        if (producer != null) producer.close();
        consumer = null;
        producer = null;
    }

    /** Assigned to the state topic's one partition; load() seeks to its beginning each time. */
    private KafkaConsumer<String, String> consumer() {
        if (consumer == null) {
            Properties p = new Properties();
            p.putAll(clientProps);
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            consumer = new KafkaConsumer<>(p);
            consumer.assign(List.of(new TopicPartition(topic, 0)));
        }
        return consumer;
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.putAll(clientProps);
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(p);
        }
        return producer;
    }

    private void ensureTopic() {
        try {
            if (admin.listTopics().names().get().contains(topic)) return;
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of("cleanup.policy", "compact")))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the state topic " + topic + ": " + e.getCause(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String write(GroupObservation o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static GroupObservation parse(String json) {
        try {
            return JSON.readValue(json, GroupObservation.class);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable observation in the state topic: " + json, e);
        }
    }
}
