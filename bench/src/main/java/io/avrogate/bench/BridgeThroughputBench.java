package io.avrogate.bench;

import io.avrogate.bridge.AvroMappingTransform;
import io.avrogate.bridge.BridgeConfig;
import io.avrogate.bridge.BridgeMetrics;
import io.avrogate.bridge.MigrationBridge;
import io.avrogate.bridge.RecordTransform;
import io.avrogate.core.migration.MigrationMapping;
import io.avrogate.example.tracking.clicks.v2.AdClick;
import io.avrogate.example.tracking.clicks.v2.AdRef;
import io.avrogate.example.tracking.clicks.v2.Consent;
import io.avrogate.example.tracking.clicks.v2.IpAddress;
import io.avrogate.example.tracking.clicks.v2.Slot;
import io.avrogate.example.tracking.common.GeoLocation;
import io.avrogate.registry.RegistryServer;
import io.avrogate.registry.client.SchemaContent;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import io.avrogate.serde.AvroSerializer;
import io.avrogate.testkit.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Bridge throughput against its baseline, in one run on one broker: the same exactly-once loop (transactions,
 * offsets in the transaction, provenance headers) once carrying the bytes unchanged and once translating them
 * with the real ad-clicks mapping through the serde. Both read the same source records; rounds alternate so
 * machine noise hits both. {@code BridgeThroughputBench [RECORDS] [ROUNDS]}; run from the repository root.
 */
public final class BridgeThroughputBench {
    private BridgeThroughputBench() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             RegistryServer registry = RegistryServer.start(Map.of("listeners", "http://127.0.0.1:0",
                     "kafkastore.bootstrap.servers", kafka.bootstrapServers()));
             SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()))) {
            client.register("ad-clicks-value", SchemaContent.avro(io.avrogate.example.tracking.clicks.AdClick.getClassSchema().toString()), false);
            client.register("ad-clicks.v2-value", SchemaContent.avro(AdClick.getClassSchema().toString()), false);
            MigrationMapping file = MigrationMapping.parse(Files.readString(Path.of("schemas/migrations/ad-clicks-v2-to-v1.yaml")), "mapping");
            // Registered here as version 1 of each subject: the mapping runs against the latest versions.
            MigrationMapping mapping = new MigrationMapping(file.name(), file.description(), file.sourceSubject(), null,
                    file.targetSubject(), null, file.fields(), file.dropped());
            kafka.createTopic("ad-clicks.v2", 3);
            produce(kafka, registry.url(), records);
            System.out.printf("%d ad clicks on ad-clicks.v2 (3 partitions); %d rounds%n", records, rounds);

            List<Double> copy = new ArrayList<>();
            List<Double> bridge = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                copy.add(run(kafka, registry.url(), mapping, client, false, round, records));
                bridge.add(run(kafka, registry.url(), mapping, client, true, round, records));
                System.out.printf("round %d: copy %.0f rec/s, bridge %.0f rec/s%n", round, copy.get(round - 1), bridge.get(round - 1));
            }
            double copyBest = copy.stream().mapToDouble(d -> d).max().orElseThrow();
            double bridgeBest = bridge.stream().mapToDouble(d -> d).max().orElseThrow();
            System.out.printf("best: exactly-once copy %.0f rec/s, translating bridge %.0f rec/s, ratio %.2f%n",
                    copyBest, bridgeBest, bridgeBest / copyBest);
            System.out.printf("median: exactly-once copy %.0f rec/s, translating bridge %.0f rec/s, ratio %.2f%n",
                    median(copy), median(bridge), median(bridge) / median(copy));
        }
    }

    private static double run(EmbeddedKafka kafka, String registryUrl, MigrationMapping mapping, SchemaRegistryClient client,
                              boolean translate, int round, int records) throws Exception {
        String target = (translate ? "bridged-" : "copied-") + round;
        kafka.createTopic(target, 3);
        Map<String, Object> props = new HashMap<>();
        props.put(BridgeConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        props.put(BridgeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        props.put(BridgeConfig.MAPPING, "schemas/migrations/ad-clicks-v2-to-v1.yaml");
        props.put(BridgeConfig.SOURCE_TOPIC, "ad-clicks.v2");
        props.put(BridgeConfig.TARGET_TOPIC, target);
        props.put(BridgeConfig.DLQ_TOPIC, target + ".dlq");
        props.put(BridgeConfig.GROUP_ID, "bench-" + target);
        props.put(BridgeConfig.INSTANCE_ID, "bench");
        BridgeConfig config = new BridgeConfig(props, mapping);
        RecordTransform transform = translate
                ? new AvroMappingTransform(mapping, client, Map.of("schema.registry.url", registryUrl), "ad-clicks.v2", target)
                : RecordTransform.copy();
        BridgeMetrics metrics = new BridgeMetrics(mapping.name());
        MigrationBridge loop = new MigrationBridge(config, transform, metrics);
        Thread thread = new Thread(loop, "bench-" + target);
        thread.start();
        // Measured from the first committed transaction, so group join and client start-up are not counted.
        while (metrics.transactions() == 0) Thread.sleep(1);
        long startNanos = System.nanoTime();
        long startCount = metrics.translated();
        while (metrics.translated() < records) {
            if (!thread.isAlive()) throw new IllegalStateException("the bridge stopped: " + metrics.failure());
            Thread.sleep(1);
        }
        long elapsed = System.nanoTime() - startNanos;
        loop.stop();
        thread.join();
        metrics.close();
        if (metrics.deadLettered() != 0) throw new IllegalStateException(metrics.deadLettered() + " records dead-lettered");
        return (records - startCount) / (elapsed / 1e9);
    }

    private static void produce(EmbeddedKafka kafka, String registryUrl, int records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        AvroSerializer<AdClick> values = new AvroSerializer<>();
        values.configure(Map.of("schema.registry.url", registryUrl, "auto.register.schemas", false, "use.latest.version", true), false);
        try (KafkaProducer<byte[], AdClick> producer = new KafkaProducer<>(p, new ByteArraySerializer(), values)) {
            for (int i = 0; i < records; i++) producer.send(new ProducerRecord<>("ad-clicks.v2", key(i), click(i)));
            producer.flush();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static byte[] key(int i) {
        return ("ad-" + (i % 1000)).getBytes(StandardCharsets.UTF_8);
    }

    private static AdClick click(int i) {
        byte[] ip = new byte[16];
        ip[15] = (byte) i;
        return AdClick.newBuilder()
                .setId(new UUID(0x6f1c1b9e4a0b4d59L, i))
                .setAd(AdRef.newBuilder().setAdId("ad-" + (i % 1000)).setCampaignId("campaign-" + (i % 50)).setAdvertiserId("acme").build())
                .setOccurredAt(Instant.ofEpochSecond(1_790_000_000L + i, 123_456_000L))
                .setCostMicros(1_000L * (i % 100_000))
                .setSlot(Slot.values()[i % Slot.values().length])
                .setClientIp(new IpAddress(ip))
                .setGeo(i % 3 == 0 ? null : GeoLocation.newBuilder().setCountry("DE").setCity("Berlin").build())
                .setConsent(Consent.GRANTED)
                .setAttributionWindowDays(7)
                .build();
    }
}
