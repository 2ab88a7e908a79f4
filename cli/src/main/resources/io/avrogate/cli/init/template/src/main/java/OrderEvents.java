package {{package}};

import {{package}}.events.Order;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Kafka clients for the orders topic. Their settings are in producer.properties and consumer.properties; the
 * record class {@link Order} is generated from the latest version under schemas/subjects/orders-value/.
 */
public final class OrderEvents {
    public static final String TOPIC = "orders";

    private OrderEvents() {
    }

    /** The settings of a properties file on the class path, with overrides (e.g. from the environment) on top. */
    public static Map<String, Object> settings(String resource, Map<String, ?> overrides) {
        Properties properties = new Properties();
        try (InputStream in = OrderEvents.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException(resource + " is not on the class path");
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> settings = new HashMap<>();
        properties.forEach((key, value) -> settings.put((String) key, value));
        settings.putAll(overrides);
        return settings;
    }

    public static KafkaProducer<String, Order> producer(Map<String, ?> overrides) {
        return new KafkaProducer<>(settings("producer.properties", overrides));
    }

    public static KafkaConsumer<String, Order> consumer(Map<String, ?> overrides) {
        return new KafkaConsumer<>(settings("consumer.properties", overrides));
    }

    /** Sends one order (with a broker on localhost:9092 and a registry holding the orders-value schema). */
    public static void main(String[] args) throws Exception {
        Order order = Order.newBuilder()
                .setOrderId(UUID.randomUUID().toString()).setCustomerId("customer-1").setAmountCents(1999).build();
        try (KafkaProducer<String, Order> producer = producer(Map.of())) {
            producer.send(new ProducerRecord<>(TOPIC, order.getOrderId(), order)).get();
        }
    }
}
