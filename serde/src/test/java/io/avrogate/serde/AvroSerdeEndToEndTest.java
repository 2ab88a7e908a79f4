package io.avrogate.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.example.tracking.app.InAppEvent;
import io.avrogate.registry.RegistryServer;
import io.avrogate.registry.client.SchemaContent;
import io.avrogate.registry.client.SchemaReference;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The serde between a real Kafka broker and our real registry over HTTP: a producer on the newest generated class,
 * consumers on an older reader schema and on the generated class, and the registry traffic once warm.
 */
@ExtendWith(RegistryExtension.class)
class AvroSerdeEndToEndTest {
    private static final String GEO_SUBJECT = "io.avrogate.example.tracking.common.GeoLocation";
    private static final int RECORDS = 50;

    @Test
    void newestProducerAndOldestReaderSchemaEvolveThroughTheRegistry(EmbeddedKafka kafka, RegistryServer registry) throws Exception {
        String topic = "app-events-e2e-" + UUID.randomUUID();
        kafka.createTopic(topic, 1);
        // The subject's history as released: v1 of app-events, referencing the shared GeoLocation type.
        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()))) {
            client.register(GEO_SUBJECT, SchemaContent.avro(SampleEvents.avsc(GEO_SUBJECT, 1)), false);
            client.register(GEO_SUBJECT, SchemaContent.avro(SampleEvents.avsc(GEO_SUBJECT, 2)), false);
            int v1Id = client.register(topic + "-value", SchemaContent.avro(SampleEvents.avsc("app-events-value", 1),
                    List.of(new SchemaReference(GEO_SUBJECT, GEO_SUBJECT, 2))), false);
            assertThat(v1Id).isPositive();
        }

        // Producer: the newest generated class; the registry accepts it as v2 of the subject only if BACKWARD holds.
        Map<String, Object> producerConfigs = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class.getName(),
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.AVRO_REMOVE_JAVA_PROPERTIES, true);
        List<InAppEvent> sent = new ArrayList<>();
        try (KafkaProducer<String, InAppEvent> producer = new KafkaProducer<>(producerConfigs)) {
            for (int i = 0; i < RECORDS; i++) {
                InAppEvent event = SampleEvents.inAppEvent(i);
                sent.add(event);
                producer.send(new ProducerRecord<>(topic, event.getEventId().toString(), event)).get();
            }
        }

        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()))) {
            assertThat(client.versions(topic + "-value")).as("v3's shape registered as the subject's version 2")
                    .containsExactly(1, 2);
        }

        // Consumer 1: still on v1 (read from schemas/), resolving every record to it.
        Schema v1 = SampleEvents.appEventsSchema(1, 2);
        List<GenericRecord> old = consume(kafka, registry, topic, Map.of(AvroSerdeConfig.AVRO_READER_SCHEMA, v1.toString()));
        assertThat(old).hasSize(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            GenericRecord record = old.get(i);
            InAppEvent event = sent.get(i);
            assertThat(record.getSchema()).isEqualTo(v1);
            assertThat(record.get("event_id")).hasToString(event.getEventId().toString());
            assertThat(record.get("user_id") == null ? null : record.get("user_id").toString()).isEqualTo(event.getUserId());
            assertThat(record.get("occurred_at")).isEqualTo(event.getOccurredAt().toEpochMilli());
            GenericRecord metadata = (GenericRecord) record.get("metadata");
            assertThat(metadata.get("app_version")).hasToString(event.getMetadata().getAppVersion());
            assertThat(((GenericRecord) metadata.get("geo")).get("city")).hasToString("Berlin");
            assertThat(((GenericRecord) ((GenericRecord) metadata.get("device")).get("screen")).get("width")).isEqualTo(1080);
            GenericRecord payload = (GenericRecord) record.get("payload");
            assertThat(payload.get("action")).hasToString("tap_buy");
            assertThat(((Map<?, ?>) payload.get("properties")).toString()).contains("sku=SKU-" + i);
            assertThat(payload.getSchema().getField("revenue")).as("v1 has no revenue").isNull();
        }

        // Consumer 2: the generated class itself gets back exactly what was sent.
        List<Object> specific = consume(kafka, registry, topic, Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, true));
        assertThat(specific).containsExactlyElementsOf(sent);
    }

    @Test
    void warmSerializationMakesNoRegistryCalls(RegistryServer registry) {
        String topic = "warm-" + UUID.randomUUID();
        Map<String, Object> configs = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        try (SchemaRegistryClient http = SchemaRegistryClients.create(configs)) {
            CountingRegistryClient counting = new CountingRegistryClient(http);
            AvroSerializer<InAppEvent> serializer = new AvroSerializer<>(counting, configs, false);
            AvroDeserializer<InAppEvent> deserializer = new AvroDeserializer<>(counting, configs, false);
            deserializer.deserialize(topic, serializer.serialize(topic, SampleEvents.inAppEvent(0)));
            int warm = counting.calls();
            assertThat(warm).isEqualTo(2); // one registration, one schema fetch by id

            for (int i = 1; i <= 1_000; i++) {
                InAppEvent event = SampleEvents.inAppEvent(i);
                assertThat(deserializer.deserialize(topic, serializer.serialize(topic, event))).isEqualTo(event);
            }
            assertThat(counting.calls()).isEqualTo(warm);
        }
    }

    @SuppressWarnings("unchecked")
    private static <V> List<V> consume(EmbeddedKafka kafka, RegistryServer registry, String topic, Map<String, Object> extra) {
        Map<String, Object> configs = new java.util.HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName(),
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()));
        configs.putAll(extra);
        List<V> values = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(configs)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < RECORDS && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add((V) record.value());
                }
            }
        }
        return values;
    }
}
