package io.avrogate.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avrogate.example.tracking.events.Event;
import io.avrogate.registry.RegistryServer;
import io.avrogate.registry.client.SchemaContent;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import io.avrogate.testkit.registry.RegistryExtension;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The setup most teams run (Confluent #1352): CI registers each subject's {@code .avsc} files, and the application
 * writes with the generated class under {@code auto.register.schemas=false}. The generated class's schema carries
 * {@code avro.java.string}, which the real registry treats as a different schema; by default the serde and the
 * registry client strip it, so the lookup finds the version CI registered.
 */
@ExtendWith(RegistryExtension.class)
class GeneratedClassLookupTest {

    @Test
    void aGeneratedClassFindsTheVersionRegisteredFromItsAvscFileWithDefaultSettings(RegistryServer registry) {
        String topic = "events-" + UUID.randomUUID();
        int latestId = registerAvscFiles(registry, topic + "-value");
        assertThat(Event.getClassSchema().toString()).as("the premise").contains("\"avro.java.string\":\"String\"");

        Map<String, Object> configs = Map.of("schema.registry.url", registry.url(), "auto.register.schemas", false);
        try (AvroSerializer<Event> serializer = new AvroSerializer<>()) {
            serializer.configure(configs, false);
            byte[] bytes = serializer.serialize(topic, event());
            assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(latestId);
        }
        try (SchemaRegistryClient client = client(registry)) {
            assertThat(client.versions(topic + "-value")).as("nothing registered by the application").containsExactly(1, 2, 3);
            // The registry client alone, given the generated class's schema text, strips the properties too.
            assertThat(client.lookup(topic + "-value", SchemaContent.avro(Event.getClassSchema().toString()), false).id())
                    .isEqualTo(latestId);
        }
    }

    @Test
    void keepingTheJavaPropertiesFailsWithTheLikelyCauseAndTheFix(RegistryServer registry) {
        String topic = "events-" + UUID.randomUUID();
        registerAvscFiles(registry, topic + "-value");
        Map<String, Object> configs = Map.of("schema.registry.url", registry.url(), "auto.register.schemas", false,
                "avro.remove.java.properties", false);
        try (AvroSerializer<Event> serializer = new AvroSerializer<>()) {
            serializer.configure(configs, false);
            assertThatThrownBy(() -> serializer.serialize(topic, event()))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("40403")
                    .hasMessageContaining("avro.java.string")
                    .hasMessageContaining("avro.remove.java.properties=false");
        }
    }

    @Test
    void aSchemaThatWasNeverRegisteredSaysHowToRegisterIt(RegistryServer registry) {
        String topic = "events-" + UUID.randomUUID();
        try (SchemaRegistryClient client = client(registry)) {
            client.register(topic + "-value", SchemaContent.avro(SampleEvents.avsc("events-value", 1)), false);
        }
        try (AvroSerializer<Event> serializer = new AvroSerializer<>()) {
            serializer.configure(Map.of("schema.registry.url", registry.url(), "auto.register.schemas", false), false);
            assertThatThrownBy(() -> serializer.serialize(topic, event()))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("40403")
                    .hasMessageContaining("register")
                    .hasMessageContaining("use.latest.version=true")
                    .hasMessageNotContaining("avro.java.string");
        }
    }

    /** What CI does: every released .avsc file of events-value, as written in the schemas module. */
    private static int registerAvscFiles(RegistryServer registry, String subject) {
        try (SchemaRegistryClient client = client(registry)) {
            int id = -1;
            for (int version = 1; version <= 3; version++) {
                id = client.register(subject, SchemaContent.avro(SampleEvents.avsc("events-value", version)), false);
            }
            return id;
        }
    }

    private static SchemaRegistryClient client(RegistryServer registry) {
        return SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()));
    }

    private static Event event() {
        return Event.newBuilder()
                .setId(UUID.nameUUIDFromBytes("e-1".getBytes()))
                .setType("signup")
                .setSource("web")
                .setOccurredAt(Instant.ofEpochSecond(1_732_400_000L))
                .setAttributes(Map.of("plan", "pro"))
                .setTags(List.of("a"))
                .build();
    }
}
