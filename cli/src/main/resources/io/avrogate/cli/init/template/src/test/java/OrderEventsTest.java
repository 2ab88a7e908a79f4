package {{package}};

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.avrogate.registry.client.SchemaContent;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import io.avrogate.serde.AvroDeserializer;
import io.avrogate.serde.AvroSerializer;
import {{package}}.events.Order;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderEventsTest {
    @Test
    void anOrderRoundTripsWithTheSchemaRegisteredFromItsAvscFile() throws Exception {
        // An in-JVM registry (mock://) holding what CI registers (mvn avrogate:register): the .avsc file as written.
        String registry = "mock://" + UUID.randomUUID();
        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry))) {
            client.register("orders-value",
                    SchemaContent.avro(Files.readString(Path.of("schemas/subjects/orders-value/v1.avsc"))), false);
        }
        Map<String, String> registryUrl = Map.of("schema.registry.url", registry);
        Order order = Order.newBuilder().setOrderId("o-1").setCustomerId("c-1").setAmountCents(1999).build();

        // The application's own settings: no auto-registration, so the serializer must find the registered schema
        // although the generated class's schema carries avro-maven-plugin's Java properties.
        try (AvroSerializer<Order> serializer = new AvroSerializer<>();
                AvroDeserializer<Order> deserializer = new AvroDeserializer<>()) {
            serializer.configure(OrderEvents.settings("producer.properties", registryUrl), false);
            deserializer.configure(OrderEvents.settings("consumer.properties", registryUrl), false);
            byte[] bytes = serializer.serialize(OrderEvents.TOPIC, order);
            assertEquals(order, deserializer.deserialize(OrderEvents.TOPIC, bytes));
        }
    }
}
