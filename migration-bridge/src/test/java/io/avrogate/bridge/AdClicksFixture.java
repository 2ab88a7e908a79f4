package io.avrogate.bridge;

import io.avrogate.core.migration.MigrationMapping;
import io.avrogate.example.tracking.clicks.v2.AdClick;
import io.avrogate.example.tracking.clicks.v2.AdRef;
import io.avrogate.example.tracking.clicks.v2.Consent;
import io.avrogate.example.tracking.clicks.v2.IpAddress;
import io.avrogate.example.tracking.clicks.v2.Slot;
import io.avrogate.example.tracking.common.GeoLocation;
import io.avrogate.registry.RegistryServer;
import io.avrogate.registry.client.SchemaContent;
import io.avrogate.registry.client.SchemaReference;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import io.avrogate.testkit.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The real ad-clicks schemas and mapping, registered under subjects and topics unique to one test: GeoLocation
 * v1..v3, the old lineage v1..v3, the new lineage v1..v2, so that registry version numbers match the files and
 * the mapping (source v2, target v3) resolves exactly as in production.
 */
final class AdClicksFixture {
    static final Path SCHEMAS = Path.of("..", "schemas");

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String geoSubject = "geo-" + suffix;
    final String oldSubject = "ad-clicks-" + suffix + "-value";
    final String newSubject = "ad-clicks.v2-" + suffix + "-value";
    final String oldTopic = "ad-clicks-" + suffix;
    final String newTopic = "ad-clicks.v2-" + suffix;
    final String dlqTopic = newTopic + ".bridge-dlq";
    final String group = "bridge-" + suffix;
    final EmbeddedKafka kafka;
    final RegistryServer registryServer;
    final String registryUrl;
    final SchemaRegistryClient registry;
    final MigrationMapping mapping;
    final Path mappingFile;
    int newLineageId;

    AdClicksFixture(EmbeddedKafka kafka, RegistryServer registryServer, Path tempDir, int partitions) {
        this.kafka = kafka;
        this.registryServer = registryServer;
        this.registryUrl = registryServer.url();
        this.registry = SchemaRegistryClients.create(Map.of("schema.registry.url", registryUrl));
        for (int v = 1; v <= 3; v++) registry.register(geoSubject, SchemaContent.avro(schemaFile("io.avrogate.example.tracking.common.GeoLocation", v)), false);
        for (int v = 1; v <= 3; v++) {
            registry.register(oldSubject, SchemaContent.avro(schemaFile("ad-clicks-value", v),
                    List.of(new SchemaReference("io.avrogate.example.tracking.common.GeoLocation", geoSubject, 1))), false);
        }
        for (int v = 1; v <= 2; v++) {
            newLineageId = registry.register(newSubject, SchemaContent.avro(schemaFile("ad-clicks.v2-value", v),
                    List.of(new SchemaReference("io.avrogate.example.tracking.common.GeoLocation", geoSubject, 2))), false);
        }
        try {
            String yaml = Files.readString(SCHEMAS.resolve("migrations/ad-clicks-v2-to-v1.yaml"))
                    .replace("subject: ad-clicks.v2-value", "subject: " + newSubject)
                    .replace("subject: ad-clicks-value", "subject: " + oldSubject);
            mappingFile = tempDir.resolve("ad-clicks-v2-to-v1-" + suffix + ".yaml");
            Files.writeString(mappingFile, yaml);
            mapping = MigrationMapping.parse(yaml, mappingFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kafka.createTopic(newTopic, partitions);
        kafka.createTopic(oldTopic, partitions);
        kafka.createTopic(dlqTopic, 1);
    }

    static String schemaFile(String subject, int version) {
        try {
            return Files.readString(SCHEMAS.resolve("subjects/" + subject + "/v" + version + ".avsc"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings of one bridge instance; the HTTP port is any free one and group sampling is off unless asked. */
    Map<String, Object> bridgeProps(String instanceId) {
        Map<String, Object> p = new HashMap<>();
        p.put(BridgeConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        p.put(BridgeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        p.put(BridgeConfig.MAPPING, mappingFile.toString());
        p.put(BridgeConfig.SOURCE_TOPIC, newTopic);
        p.put(BridgeConfig.TARGET_TOPIC, oldTopic);
        p.put(BridgeConfig.GROUP_ID, group);
        p.put(BridgeConfig.INSTANCE_ID, instanceId);
        p.put(BridgeConfig.HTTP_PORT, "0");
        p.put(BridgeConfig.HTTP_HOST, "127.0.0.1");
        p.put(BridgeConfig.OBSERVE_INTERVAL_MS, "-1");
        p.put(BridgeConfig.STATUS_TOPIC, "_bridge-status-" + suffix);
        p.put(BridgeConfig.POLL_TIMEOUT_MS, "100");
        return p;
    }

    /** A new-lineage click; {@code i} varies every field the mapping touches. */
    static AdClick click(int i) {
        byte[] ip = new byte[16];
        ip[15] = (byte) i;
        ip[14] = (byte) (i >> 8);
        Slot[] slots = Slot.values();
        return AdClick.newBuilder()
                .setId(new UUID(0x6f1c1b9e4a0b4d59L, i))
                .setAd(AdRef.newBuilder().setAdId("ad-" + (i % 17)).setCampaignId("campaign-" + (i % 5)).setAdvertiserId("acme").build())
                .setOccurredAt(Instant.ofEpochSecond(1_790_000_000L + i, (i % 1000) * 1000L))
                .setCostMicros(1_000L * i)
                .setSlot(slots[i % slots.length])
                .setClientIp(new IpAddress(ip))
                .setGeo(i % 3 == 0 ? null : GeoLocation.newBuilder().setCountry("DE").setCity("Berlin").build())
                .setConsent(Consent.GRANTED)
                .setAttributionWindowDays(i % 2 == 0 ? null : 7)
                .build();
    }

    static byte[] key(int i) {
        return ("ad-" + (i % 17)).getBytes(StandardCharsets.UTF_8);
    }

    /** Confluent wire format of a new-lineage click, written with the registered id of ad-clicks.v2 v2. */
    byte[] encode(AdClick click) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0);
            out.write(new byte[] {(byte) (newLineageId >>> 24), (byte) (newLineageId >>> 16), (byte) (newLineageId >>> 8), (byte) newLineageId});
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new SpecificDatumWriter<AdClick>(AdClick.getClassSchema()).write(click, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any datum in the Confluent wire format under a given id. */
    static byte[] wire(int id, org.apache.avro.Schema schema, Object datum) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0);
            out.write(new byte[] {(byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new org.apache.avro.generic.GenericDatumWriter<Object>(schema).write(datum, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends (key, value) pairs in order to the new topic and waits for every ack. */
    void produce(List<byte[][]> keyValues) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (byte[][] kv : keyValues) producer.send(new ProducerRecord<>(newTopic, kv[0], kv[1]));
            producer.flush();
        }
    }

    /**
     * Everything committed on {@code topic}, read under read_committed, once {@code done} holds for what was read
     * (or the timeout passes: the caller's assertions then say what is missing).
     */
    List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
                                                       Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                if (done.test(out)) {
                    // Drain what else is already committed, so a duplicate would be seen too.
                    var more = consumer.poll(Duration.ofMillis(500));
                    while (!more.isEmpty()) {
                        more.forEach(out::add);
                        more = consumer.poll(Duration.ofMillis(500));
                    }
                    break;
                }
            }
        }
        return out;
    }

    void close() {
        registry.close();
    }
}
