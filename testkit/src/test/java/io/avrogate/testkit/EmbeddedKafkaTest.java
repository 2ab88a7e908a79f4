package io.avrogate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class EmbeddedKafkaTest {
    static String topic() {
        return "t-" + UUID.randomUUID();
    }

    static KafkaProducer<String, String> producer(EmbeddedKafka kafka, Map<String, Object> extra) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.putAll(extra);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    static List<String> readAll(EmbeddedKafka kafka, String topic, String isolation, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "g-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 20_000;
            // Read until the expected count arrives, then one more poll to catch anything that should not be there.
            int extraPolls = 0;
            while (System.currentTimeMillis() < deadline && extraPolls < 3) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) values.add(r.value());
                if (values.size() >= expected) extraPolls++;
            }
        }
        return values;
    }

    @Test
    void producesAndConsumes(EmbeddedKafka kafka) throws Exception {
        String topic = topic();
        kafka.createTopic(topic, 3);
        try (KafkaProducer<String, String> producer = producer(kafka, Map.of())) {
            for (int i = 0; i < 100; i++) producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
        }
        assertThat(readAll(kafka, topic, "read_uncommitted", 100)).hasSize(100).contains("v0", "v99");
    }

    @Test
    void transactionsCommitAndAbortOnOneNode(EmbeddedKafka kafka) {
        String topic = topic();
        kafka.createTopic(topic, 1);
        try (KafkaProducer<String, String> producer = producer(kafka,
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + UUID.randomUUID()))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "a", "committed"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "b", "aborted"));
            producer.flush();
            producer.abortTransaction();
        }
        assertThat(readAll(kafka, topic, "read_committed", 1)).containsExactly("committed");
        assertThat(readAll(kafka, topic, "read_uncommitted", 2)).contains("committed", "aborted");
    }

    @Test
    void createsTopicsWithTheRequestedConfig(EmbeddedKafka kafka) throws Exception {
        String topic = topic();
        kafka.createTopic(topic, 1, Map.of("cleanup.policy", "compact"));
        try (Admin admin = kafka.admin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(Set.of(resource)).all().get().get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }
}
