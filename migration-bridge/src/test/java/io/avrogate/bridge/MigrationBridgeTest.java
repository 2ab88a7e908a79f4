package io.avrogate.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.core.migration.RecordTranslator;
import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import io.avrogate.registry.client.SchemaContent;
import io.avrogate.serde.AvroDeserializer;
import io.avrogate.serde.deadletter.DeadLetter;
import io.avrogate.serde.deadletter.DeadLetterStage;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The bridge on the real broker and the real registry, running in the test JVM. */
@ExtendWith(RegistryExtension.class)
class MigrationBridgeTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tempDir;
    AdClicksFixture fx;

    @BeforeEach
    void setUp(EmbeddedKafka kafka, RegistryServer registry) {
        fx = new AdClicksFixture(kafka, registry, tempDir, 3);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void everyRecordIsTranslatedExactlyOnceWithKeysOrderTimestampsAndHeadersKept() throws Exception {
        int n = 3000;
        List<byte[][]> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) sent.add(new byte[][] {AdClicksFixture.key(i), fx.encode(AdClicksFixture.click(i))});
        fx.produce(sent);
        List<ConsumerRecord<byte[], byte[]>> source = fx.readCommitted(fx.newTopic, r -> r.size() >= n, WAIT);

        List<ConsumerRecord<byte[], byte[]>> bridged;
        try (RunningBridge bridge = new RunningBridge(fx.bridgeProps("a"))) {
            bridged = fx.readCommitted(fx.oldTopic, r -> r.size() >= n, WAIT);
            awaitCommittedCount(bridge, n);
            assertThat(bridge.metrics().translated()).isEqualTo(n);
            assertThat(bridge.metrics().deadLettered()).isZero();
            assertHttpEndpoints(bridge, n);
        }
        assertThat(bridged).hasSize(n);

        // Expected translations, computed independently of the bridge: decode the source as the mapping's source
        // version, translate with RecordTranslator, compare with what the old topic holds.
        Schema sourceSchema = new RegistrySchemaSource(fx.registry).version(fx.newSubject, 2).schema();
        SchemaSource.Registered target = new RegistrySchemaSource(fx.registry).version(fx.oldSubject, 3);
        RecordTranslator translator = RecordTranslator.compile(fx.mapping, sourceSchema, target.schema());
        Map<String, ConsumerRecord<byte[], byte[]>> bySourcePosition = new HashMap<>();
        source.forEach(r -> bySourcePosition.put(r.partition() + "@" + r.offset(), r));

        Set<String> seen = new HashSet<>();
        Map<String, Integer> partitionOfKey = new HashMap<>();
        Map<String, Long> lastSourceOffsetOfKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> out : bridged) {
            assertThat(BridgeHeaders.text(out.headers(), BridgeHeaders.SOURCE_TOPIC)).isEqualTo(fx.newTopic);
            assertThat(BridgeHeaders.text(out.headers(), BridgeHeaders.MARKER)).isEqualTo(fx.mapping.name());
            String position = BridgeHeaders.text(out.headers(), BridgeHeaders.SOURCE_PARTITION) + "@"
                    + BridgeHeaders.text(out.headers(), BridgeHeaders.SOURCE_OFFSET);
            assertThat(seen.add(position)).as("duplicate of %s", position).isTrue();
            ConsumerRecord<byte[], byte[]> in = bySourcePosition.get(position);
            assertThat(in).as("source record %s", position).isNotNull();

            assertThat(out.key()).isEqualTo(in.key());
            assertThat(out.timestamp()).isEqualTo(in.timestamp());
            assertThat(ByteBuffer.wrap(out.value(), 1, 4).getInt()).as("registered id of the old schema").isEqualTo(target.id());
            GenericRecord expected = translator.translate(decode(in.value(), fx.registry, sourceSchema));
            GenericRecord actual = decode(out.value(), fx.registry, target.schema());
            assertThat(actual).isEqualTo(expected);

            // Per-key order: one key lands in one old-topic partition, in source-offset order.
            String key = new String(out.key(), StandardCharsets.UTF_8);
            assertThat(partitionOfKey.computeIfAbsent(key, k -> out.partition())).isEqualTo(out.partition());
            long offset = in.offset();
            Long previous = lastSourceOffsetOfKey.put(key, offset);
            if (previous != null) assertThat(offset).as("order of key %s", key).isGreaterThan(previous);
        }
        assertThat(seen).hasSize(n);
    }

    @Test
    void anOldConsumerReadsTheBridgedTopicWithTheOldGeneratedClass() throws Exception {
        int n = 50;
        List<byte[][]> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) sent.add(new byte[][] {AdClicksFixture.key(i), fx.encode(AdClicksFixture.click(i))});
        fx.produce(sent);
        try (RunningBridge bridge = new RunningBridge(fx.bridgeProps("a"))) {
            assertThat(fx.readCommitted(fx.oldTopic, r -> r.size() >= n, WAIT)).hasSize(n);
        }
        // An unchanged old consumer: Kafka consumer, our Avro deserializer, specific.avro.reader=true, and the class
        // generated from ad-clicks-value's latest version (the old lineage).
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fx.kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "old-consumer-" + fx.suffix);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName());
        props.put("schema.registry.url", fx.registryUrl);
        props.put("specific.avro.reader", true);
        List<io.avrogate.example.tracking.clicks.AdClick> clicks = new ArrayList<>();
        try (KafkaConsumer<byte[], io.avrogate.example.tracking.clicks.AdClick> old = new KafkaConsumer<>(props)) {
            old.subscribe(List.of(fx.oldTopic));
            long deadline = System.currentTimeMillis() + WAIT.toMillis();
            while (clicks.size() < n && System.currentTimeMillis() < deadline) {
                old.poll(Duration.ofMillis(200)).forEach(r -> clicks.add(r.value()));
            }
        }
        assertThat(clicks).hasSize(n);
        Map<java.util.UUID, io.avrogate.example.tracking.clicks.AdClick> byId = new HashMap<>();
        clicks.forEach(c -> byId.put(c.getClickId(), c));
        for (int i = 0; i < n; i++) {
            var source = AdClicksFixture.click(i);
            var old = byId.get(source.getId());
            assertThat(old).as("click %d", i).isNotNull();
            assertThat(old.getAdId()).isEqualTo(source.getAd().getAdId());
            assertThat(old.getCampaignId()).isEqualTo(source.getAd().getCampaignId());
            assertThat(old.getOccurredAt()).isEqualTo(source.getOccurredAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            assertThat(old.getCost()).isEqualByComparingTo(java.math.BigDecimal.valueOf(source.getCostMicros(), 6));
            assertThat(old.getCurrency()).isEqualTo("USD");
            assertThat(old.getClientIp().bytes()).isEqualTo(source.getClientIp().bytes());
            assertThat(old.getGeo() == null).isEqualTo(source.getGeo() == null);
            assertThat(old.getLandingUrl()).isNull();
            assertThat(old.getTrackingParams()).isEmpty();
        }
    }

    @Test
    void untranslatableRecordsGoToTheDeadLetterTopicWithReasonsAndTheBridgeGoesOn() throws Exception {
        List<byte[][]> sent = new ArrayList<>();
        sent.add(new byte[][] {AdClicksFixture.key(1), fx.encode(AdClicksFixture.click(1))});
        sent.add(new byte[][] {"junk".getBytes(StandardCharsets.UTF_8), "not avro at all".getBytes(StandardCharsets.UTF_8)});
        byte[] unknownId = fx.encode(AdClicksFixture.click(2));
        ByteBuffer.wrap(unknownId).putInt(1, 987_654);
        sent.add(new byte[][] {AdClicksFixture.key(2), unknownId});
        var tooExpensive = AdClicksFixture.click(3);
        tooExpensive.setCostMicros(10_000_000_000_000L); // 10 million: more digits than decimal(12,6) holds
        sent.add(new byte[][] {AdClicksFixture.key(3), fx.encode(tooExpensive)});
        sent.add(new byte[][] {AdClicksFixture.key(4), fx.encode(AdClicksFixture.click(4))});
        fx.produce(sent);
        Map<String, ConsumerRecord<byte[], byte[]>> source = new HashMap<>();
        fx.readCommitted(fx.newTopic, r -> r.size() >= sent.size(), WAIT).forEach(r -> source.put(r.partition() + "@" + r.offset(), r));

        try (RunningBridge bridge = new RunningBridge(fx.bridgeProps("a"))) {
            List<ConsumerRecord<byte[], byte[]>> dead = fx.readCommitted(fx.dlqTopic, r -> r.size() >= 3, WAIT);
            List<ConsumerRecord<byte[], byte[]>> bridged = fx.readCommitted(fx.oldTopic, r -> r.size() >= 2, WAIT);
            assertThat(bridged).hasSize(2);
            assertThat(dead).hasSize(3);
            Map<String, ConsumerRecord<byte[], byte[]>> byStage = new HashMap<>();
            List<DeadLetter> letters = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> d : dead) {
                DeadLetter letter = DeadLetter.read(d.headers()).orElseThrow();
                letters.add(letter);
                assertThat(letter.exceptionMessage()).isNotBlank();
                assertThat(letter.exceptionClass()).isEqualTo(UntranslatableRecordException.class.getName());
                assertThat(letter.component()).isEqualTo("bridge");
                assertThat(letter.mapping()).isEqualTo(fx.mapping.name());
                assertThat(letter.topic()).isEqualTo(fx.newTopic);
                ConsumerRecord<byte[], byte[]> original = source.get(letter.partition() + "@" + letter.offset());
                assertThat(original).as("the source record of %s", letter.describe()).isNotNull();
                assertThat(letter.timestamp()).isEqualTo(original.timestamp());
                assertThat(d.key()).as("the original key is kept").isEqualTo(original.key());
                assertThat(d.value()).as("the original bytes are kept").isEqualTo(original.value());
                assertThat(BridgeHeaders.isBridged(d.headers())).as("a dead letter is no bridge output").isFalse();
                byStage.merge(letter.stage() + ":" + letter.field(), d, (a, b) -> a);
            }
            assertThat(byStage.keySet()).containsExactlyInAnyOrder(
                    "VALUE_DESERIALIZATION:null", "TRANSLATION:cost");
            ConsumerRecord<byte[], byte[]> translate = byStage.get("TRANSLATION:cost");
            assertThat(translate.value()).as("the original bytes are kept").isEqualTo(fx.encode(tooExpensive));
            assertThat(letters.stream().map(DeadLetter::exceptionMessage))
                    .anyMatch(reason -> reason.contains("magic byte"))
                    .anyMatch(reason -> reason.contains("987654"));
            awaitCommittedCount(bridge, 5);
            assertThat(bridge.metrics().deadLettered()).isEqualTo(3);
            assertThat(bridge.metrics().deadLettered(DeadLetterStage.VALUE_DESERIALIZATION)).isEqualTo(2);
            assertThat(bridge.metrics().deadLettered(DeadLetterStage.TRANSLATION)).isEqualTo(1);
            assertThat(bridge.metrics().translated()).isEqualTo(2);
        }
    }

    @Test
    void avroKeysAreReSerializedWithTheOldKeySubjectsSchemaWhenTheKeySchemaChanged() throws Exception {
        String oldKeySubject = fx.oldTopic + "-key";
        int newKeyId = fx.registry.register(fx.newTopic + "-key",
                SchemaContent.avro(AdClicksFixture.schemaFile("ad-clicks-key", 1)), false);
        fx.registry.register(oldKeySubject, SchemaContent.avro(AdClicksFixture.schemaFile("ad-clicks-key", 1)), false);
        int oldKeyId = fx.registry.register(oldKeySubject, SchemaContent.avro(AdClicksFixture.schemaFile("ad-clicks-key", 2)), false);
        Schema keyV1 = new Schema.Parser().parse(AdClicksFixture.schemaFile("ad-clicks-key", 1));
        Schema keyV2 = new Schema.Parser().parse(AdClicksFixture.schemaFile("ad-clicks-key", 2));
        int n = 30;
        List<byte[][]> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            GenericData.Record key = new GenericData.Record(keyV1);
            key.put("ad_id", "ad-" + (i % 5));
            sent.add(new byte[][] {AdClicksFixture.wire(newKeyId, keyV1, key), fx.encode(AdClicksFixture.click(i))});
        }
        fx.produce(sent);
        Map<String, Object> props = fx.bridgeProps("a");
        props.put(BridgeConfig.KEY_SUBJECT, oldKeySubject);
        List<ConsumerRecord<byte[], byte[]>> bridged;
        try (RunningBridge bridge = new RunningBridge(props)) {
            bridged = fx.readCommitted(fx.oldTopic, r -> r.size() >= n, WAIT);
        }
        assertThat(bridged).hasSize(n);
        Map<String, Integer> partitionOfKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : bridged) {
            assertThat(ByteBuffer.wrap(r.key(), 1, 4).getInt()).as("the old key subject's registered id").isEqualTo(oldKeyId);
            GenericRecord key = new GenericDatumReader<GenericRecord>(keyV2)
                    .read(null, DecoderFactory.get().binaryDecoder(r.key(), 5, r.key().length - 5, null));
            assertThat(key.get("ad_id").toString()).startsWith("ad-");
            assertThat(key.get("advertiser_id").toString()).isEmpty(); // the v2 default
            assertThat(partitionOfKey.computeIfAbsent(key.get("ad_id").toString(), k -> r.partition())).isEqualTo(r.partition());
        }
    }

    @Test
    void aFailureInTheMiddleOfABatchAbortsRewindsAndRetriesWithoutLossOrDuplicates() throws Exception {
        int n = 1000;
        List<byte[][]> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) sent.add(new byte[][] {AdClicksFixture.key(i), fx.encode(AdClicksFixture.click(i))});
        fx.produce(sent);
        // The registry (or anything but the record) failing twice, half-way: the batch's records already sent in the
        // transaction must vanish with the abort, and the retry must bridge them once.
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        RecordTransform flaky = value -> {
            int call = calls.incrementAndGet();
            if (call == 400 || call == 401 + 300) throw new IllegalStateException("schema registry unavailable (injected)");
            return value;
        };
        BridgeMetrics metrics = new BridgeMetrics(fx.mapping.name());
        MigrationBridge loop = new MigrationBridge(BridgeRunner.config(fx.bridgeProps("flaky")), flaky, metrics);
        Thread thread = new Thread(loop);
        thread.start();
        List<ConsumerRecord<byte[], byte[]>> bridged;
        try {
            bridged = fx.readCommitted(fx.oldTopic, r -> r.size() >= n, WAIT);
        } finally {
            loop.stop();
            thread.join(30_000);
        }
        assertThat(metrics.abortedTransactions()).isEqualTo(2);
        assertThat(bridged).hasSize(n);
        assertThat(bridged.stream().map(r -> BridgeHeaders.text(r.headers(), BridgeHeaders.SOURCE_PARTITION) + "@"
                + BridgeHeaders.text(r.headers(), BridgeHeaders.SOURCE_OFFSET)).distinct()).hasSize(n);
        assertThat(metrics.translated()).isEqualTo(n);
        metrics.close();
    }

    @Test
    void aRecordThatABridgeProducedIsNeverBridgedAgain() throws Exception {
        Map<String, Object> producerProps = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fx.kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
            // As a reverse bridge (old -> new) would write it.
            ProducerRecord<byte[], byte[]> reverse = new ProducerRecord<>(fx.newTopic, AdClicksFixture.key(1), fx.encode(AdClicksFixture.click(1)));
            reverse.headers().add(BridgeHeaders.MARKER, "ad-clicks-v1-to-v2".getBytes(StandardCharsets.UTF_8));
            producer.send(reverse);
            producer.send(new ProducerRecord<>(fx.newTopic, AdClicksFixture.key(2), fx.encode(AdClicksFixture.click(2))));
            producer.flush();
        }
        try (RunningBridge bridge = new RunningBridge(fx.bridgeProps("a"))) {
            awaitCommittedCount(bridge, 2);
            assertThat(bridge.metrics().skippedBridged()).isEqualTo(1);
            assertThat(bridge.metrics().translated()).isEqualTo(1);
        }
        List<ConsumerRecord<byte[], byte[]>> bridged = fx.readCommitted(fx.oldTopic, r -> r.size() >= 1, WAIT);
        assertThat(bridged).hasSize(1);
        // The unmarked record is the one bridged, not the reverse bridge's output.
        assertThat(bridged.get(0).key()).isEqualTo(AdClicksFixture.key(2));
        assertThat(BridgeHeaders.text(bridged.get(0).headers(), BridgeHeaders.MARKER)).isEqualTo(fx.mapping.name());
    }

    @Test
    void twoInstancesInOneGroupShareThePartitionsAndBridgeEachRecordOnce() throws Exception {
        int n = 2000;
        try (RunningBridge a = new RunningBridge(fx.bridgeProps("a"));
             RunningBridge b = new RunningBridge(fx.bridgeProps("b"))) {
            awaitMembers(2);
            List<byte[][]> sent = new ArrayList<>();
            for (int i = 0; i < n; i++) sent.add(new byte[][] {AdClicksFixture.key(i), fx.encode(AdClicksFixture.click(i))});
            fx.produce(sent);
            List<ConsumerRecord<byte[], byte[]>> bridged = fx.readCommitted(fx.oldTopic, r -> r.size() >= n, WAIT);
            assertThat(bridged).hasSize(n);
            assertThat(bridged.stream().map(r -> BridgeHeaders.text(r.headers(), BridgeHeaders.SOURCE_PARTITION) + "@"
                    + BridgeHeaders.text(r.headers(), BridgeHeaders.SOURCE_OFFSET)).distinct()).hasSize(n);
            awaitTranslated(List.of(a, b), n);
            assertThat(a.metrics().translated() + b.metrics().translated()).as("each record counted once").isEqualTo(n);
            assertThat(a.metrics().translated()).as("instance a bridged some").isPositive();
            assertThat(b.metrics().translated()).as("instance b bridged some").isPositive();
        }
    }

    @Test
    void aTransactionallyWrittenSourceIsCommittedPastItsMarkersSoTheBridgeReportsCaughtUp() throws Exception {
        Map<String, Object> producerProps = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fx.kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "source-app-" + fx.group);
        int n = 30;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
            producer.initTransactions();
            for (int t = 0; t < 3; t++) { // three transactions: each leaves a commit marker after its records
                producer.beginTransaction();
                for (int i = t * 10; i < t * 10 + 10; i++) {
                    producer.send(new ProducerRecord<>(fx.newTopic, AdClicksFixture.key(i), fx.encode(AdClicksFixture.click(i))));
                }
                producer.commitTransaction();
            }
        }
        try (RunningBridge bridge = new RunningBridge(fx.bridgeProps("a"))) {
            assertThat(fx.readCommitted(fx.oldTopic, r -> r.size() >= n, WAIT)).hasSize(n);
            // The group's committed offsets must reach the end of each partition (markers included), not stop one
            // short after the last record: otherwise the bridge's lag never reaches 0 and it is never safe to stop.
            var admin = fx.kafka.admin();
            var partitions = admin.describeTopics(List.of(fx.newTopic)).allTopicNames().get().get(fx.newTopic).partitions();
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(new org.apache.kafka.common.TopicPartition(fx.newTopic, p.partition()),
                    org.apache.kafka.clients.admin.OffsetSpec.latest()));
            var ends = admin.listOffsets(latest, new org.apache.kafka.clients.admin.ListOffsetsOptions(
                    org.apache.kafka.common.IsolationLevel.READ_COMMITTED)).all().get();
            long deadline = System.currentTimeMillis() + WAIT.toMillis();
            long behind = Long.MAX_VALUE;
            while (System.currentTimeMillis() < deadline && behind > 0) {
                var committed = admin.listConsumerGroupOffsets(fx.group).partitionsToOffsetAndMetadata().get();
                behind = 0;
                for (var e : ends.entrySet()) {
                    var c = committed.get(e.getKey());
                    behind += e.getValue().offset() - (c == null ? 0 : c.offset());
                }
                if (behind > 0) Thread.sleep(100);
            }
            admin.close();
            assertThat(behind).as("offsets between the bridge's commits and the end of the source").isZero();
            assertThat(bridge.metrics().translated()).isEqualTo(n);
        }
    }

    private void awaitMembers(int members) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        try (var admin = fx.kafka.admin()) { // one client for the whole wait: each admin() is a new one
            while (System.currentTimeMillis() < deadline) {
                var d = admin.describeConsumerGroups(List.of(fx.group)).all().get().get(fx.group);
                if (d.members().size() == members && d.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty())) return;
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the group never had " + members + " members with partitions");
    }

    private static void awaitCommittedCount(RunningBridge bridge, long records) throws InterruptedException {
        awaitTranslated(List.of(bridge), records);
    }

    /** Counters move after the commit that readers see first, so wait for them briefly. */
    private static void awaitTranslated(List<RunningBridge> bridges, long records) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            long sum = bridges.stream().mapToLong(b -> b.metrics().translated() + b.metrics().deadLettered() + b.metrics().skippedBridged()).sum();
            if (sum >= records) return;
            Thread.sleep(20);
        }
    }

    private static void assertHttpEndpoints(RunningBridge bridge, int n) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + bridge.runner.httpPort();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"translated\":" + n);
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("avrogate_bridge_translated_total{mapping=\"ad-clicks-v2-to-v1\"} " + n + ".0")
                .contains("avrogate_bridge_lag_records")
                .contains("kafka_consumer_") // Micrometer's binder of the loop's Kafka clients
                .contains("kafka_producer_");
    }

    static GenericRecord decode(byte[] wire, io.avrogate.registry.client.SchemaRegistryClient registry, Schema reader) throws Exception {
        Schema writer = new RegistrySchemaSource(registry).byId(ByteBuffer.wrap(wire, 1, 4).getInt());
        return new GenericDatumReader<GenericRecord>(writer, reader)
                .read(null, DecoderFactory.get().binaryDecoder(wire, 5, wire.length - 5, null));
    }
}
