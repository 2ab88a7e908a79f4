package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avrogate.bridge.BridgeConfig;
import io.avrogate.bridge.BridgeRunner;
import io.avrogate.consumer.ConsumerRunner;
import io.avrogate.consumer.ConsumerRunnerConfig;
import io.avrogate.consumer.RegistryRefusedException;
import io.avrogate.producer.AvroProducer;
import io.avrogate.producer.ProduceException;
import io.avrogate.registry.RegistryServer;
import io.avrogate.registry.client.SchemaContent;
import io.avrogate.registry.client.SchemaReference;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import io.avrogate.serde.AvroDeserializer;
import io.avrogate.serde.AvroSerializer;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.KafkaExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * End to end against a registry that requires credentials: our serde, AvroProducer, the consumer runner, the bridge
 * and the CLI's register, check, produce and consume work with the right client settings (Confluent's names), and
 * each refuses with one clear line, naming no secret, with wrong ones. No secret appears in any log line of the JVM
 * meanwhile (the loggers that could leak one are turned up to DEBUG/INFO for the duration).
 *
 * <p>One subclass per way of securing the registry (basic, bearer JWT, mTLS). The broker is the JVM's shared one;
 * each subclass starts its own registry, on its own store topic, with an ACL that grants the pipeline principal
 * what it needs.
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SecuredEndToEndTest {
    static final String PRINCIPAL = "pipeline";
    /** A principal the ACL lets read only. */
    static final String READER = "reader";
    static final Schema CLICK = new Schema.Parser().parse("""
            {"type": "record", "name": "Click", "namespace": "io.avrogate.cli.secured", "doc": "A click.", "fields": [
              {"name": "id", "type": "string", "doc": "Click id."},
              {"name": "ad_id", "type": "string", "doc": "The ad."}
            ]}""");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Loggers turned up while the tests run, so that a leaking log statement would be caught, with their levels. */
    private static final List<String> WATCHED_LOGGERS = List.of("io.avrogate", "org.apache.kafka.clients", "org.eclipse.jetty");

    /** The class's temporary directory (key material, credentials, ACL, client settings, fixture repositories). */
    Path dir;

    EmbeddedKafka kafka;
    RegistryServer registry;
    final String suffix = getClass().getSimpleName().replace("EndToEndTest", "").toLowerCase() + "-"
            + UUID.randomUUID().toString().substring(0, 6);
    /**
     * Every log event of the JVM while the class runs. (server-common's LogCapture comes in a test jar whose
     * logback-test.xml would replace this module's.)
     */
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Map<String, Level> savedLevels = new HashMap<>();

    /** The registry's listener and authentication settings for this way of securing it. */
    abstract Map<String, String> securitySettings() throws Exception;

    /** A client's settings with the right credentials, Confluent's names, without the URL. */
    abstract Map<String, String> rightClient();

    /** The same with wrong credentials. */
    abstract Map<String, String> wrongClient();

    /** What the one-line refusal must say (e.g. the status). */
    abstract String refusal();

    /** Strings that must never appear in a message or a log line: passwords, client secrets, tokens. */
    abstract List<String> secrets();

    @BeforeAll
    void startRegistry(EmbeddedKafka kafka, @TempDir Path dir) throws Exception {
        this.kafka = kafka;
        this.dir = dir;
        logs.start();
        rootLogger().addAppender(logs);
        for (String name : WATCHED_LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            savedLevels.put(name, logger.getLevel());
            logger.setLevel(name.equals("io.avrogate") ? Level.DEBUG : Level.INFO);
        }
        Path acl = Files.writeString(dir.resolve("acl.yaml"), """
                grants:
                  - principals: [%s]
                    subjects: ["*"]
                    global: true
                    operations: [ADMIN]
                  - principals: [%s]
                    subjects: ["*"]
                    operations: [READ]
                """.formatted(PRINCIPAL, READER));
        Map<String, Object> settings = new HashMap<>(securitySettings());
        settings.put("kafkastore.bootstrap.servers", kafka.bootstrapServers());
        settings.put("kafkastore.topic", "_schemas-" + suffix);
        settings.put("avrogate.authorization.acl.file", acl.toString());
        // The wrong-credential cases come from the same address as the right ones; the lockout is tested elsewhere.
        settings.put("avrogate.authentication.failure.limit", "100000");
        registry = RegistryServer.start(settings);
    }

    @AfterAll
    void stopRegistry() {
        try {
            if (registry != null) registry.close();
        } finally {
            savedLevels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
            rootLogger().detachAppender(logs);
            logs.stop();
        }
    }

    /** Checked after each test, over everything logged since the class started. */
    @AfterEach
    void noSecretWasLogged() {
        List<ILoggingEvent> events;
        synchronized (logs) {
            events = List.copyOf(logs.list);
        }
        assertThat(events).as("log events captured").isNotEmpty();
        for (ILoggingEvent event : events) {
            String text = event.getFormattedMessage() + throwableText(event.getThrowableProxy());
            for (String secret : secrets()) {
                assertThat(text).as("log line of %s", event.getLoggerName()).doesNotContain(secret);
            }
        }
    }

    // ---- the libraries ----------------------------------------------------------------------------------------

    @Test
    void serdeRoundTripsAndRefusesWrongCredentials() {
        String topic = "serde-" + suffix;
        GenericRecord click = click(1);
        Map<String, Object> writer = new HashMap<>(client(rightClient()));
        writer.put("auto.register.schemas", true);
        byte[] bytes;
        try (AvroSerializer<Object> serializer = new AvroSerializer<>();
             AvroDeserializer<Object> deserializer = new AvroDeserializer<>()) {
            serializer.configure(writer, false);
            bytes = serializer.serialize(topic, click);
            deserializer.configure(client(rightClient()), false);
            assertThat(deserializer.deserialize(topic, bytes).toString()).isEqualTo(click.toString());
        }

        Map<String, Object> wrongWriter = new HashMap<>(client(wrongClient()));
        wrongWriter.put("auto.register.schemas", true);
        try (AvroSerializer<Object> serializer = new AvroSerializer<>();
             AvroDeserializer<Object> deserializer = new AvroDeserializer<>()) {
            serializer.configure(wrongWriter, false);
            assertThatThrownBy(() -> serializer.serialize(topic, click(2))).isInstanceOf(SerializationException.class)
                    .satisfies(e -> assertRefusal(e.getMessage()));
            deserializer.configure(client(wrongClient()), false);
            assertThatThrownBy(() -> deserializer.deserialize(topic, bytes)).isInstanceOf(SerializationException.class)
                    .satisfies(e -> assertRefusal(e.getMessage()));
        }
    }

    @Test
    void producerAndConsumerRunnerWorkAndTheRunnerStopsOnWrongCredentials() throws Exception {
        String topic = "pipe-" + suffix;
        kafka.createTopic(topic, 1);
        kafka.createTopic(topic + ".dlq", 1);
        try (SchemaRegistryClient client = SchemaRegistryClients.create(client(rightClient()))) {
            client.register(topic + "-value", SchemaContent.avro(CLICK.toString()), false);
        }
        try (AvroProducer<String, Object> producer = producer(rightClient())) {
            for (int i = 0; i < 3; i++) producer.send(topic, "k" + i, click(i));
        }
        try (AvroProducer<String, Object> producer = producer(wrongClient())) {
            assertThatThrownBy(() -> producer.send(topic, "k", click(9))).isInstanceOf(ProduceException.class)
                    .satisfies(e -> assertRefusal(e.getMessage()));
        }

        List<String> ids = new CopyOnWriteArrayList<>();
        ConsumerRunner<String, Object> runner = runner(topic, "readers-" + suffix, rightClient(), (record, ack) -> {
            ids.add(((GenericRecord) record.value()).get("id").toString());
            ack.acknowledge();
        });
        CompletableFuture<Void> running = CompletableFuture.runAsync(runner::run);
        awaitUntil(() -> ids.size() >= 3, "3 records consumed, got " + ids);
        runner.stop();
        running.get(30, TimeUnit.SECONDS);
        assertThat(ids).containsExactly("click-0", "click-1", "click-2");

        List<Object> handled = new CopyOnWriteArrayList<>();
        ConsumerRunner<String, Object> refused = runner(topic, "refused-" + suffix, wrongClient(), (record, ack) -> {
            handled.add(record.value());
            ack.acknowledge();
        });
        assertThatThrownBy(() -> CompletableFuture.runAsync(refused::run).get(60, TimeUnit.SECONDS))
                .hasCauseInstanceOf(RegistryRefusedException.class)
                .satisfies(e -> assertRefusal(e.getCause().getMessage()));
        assertThat(handled).isEmpty();
        assertThat(endOffset(topic + ".dlq")).as("records dead-lettered for a refused registry").isZero();
    }

    @Test
    void theBridgeTranslatesThroughTheSecuredRegistryAndRefusesWrongCredentials() throws Exception {
        String geo = "geo-" + suffix;
        String oldSubject = "ad-clicks-" + suffix + "-value";
        String newSubject = "ad-clicks.v2-" + suffix + "-value";
        String oldTopic = "ad-clicks-" + suffix;
        String newTopic = "ad-clicks.v2-" + suffix;
        String geoName = "io.avrogate.example.tracking.common.GeoLocation";
        try (SchemaRegistryClient client = SchemaRegistryClients.create(client(rightClient()))) {
            for (int v = 1; v <= 3; v++) client.register(geo, SchemaContent.avro(schemaFile(geoName, v)), false);
            for (int v = 1; v <= 3; v++) {
                client.register(oldSubject, SchemaContent.avro(schemaFile("ad-clicks-value", v),
                        List.of(new SchemaReference(geoName, geo, 1))), false);
            }
            for (int v = 1; v <= 2; v++) {
                client.register(newSubject, SchemaContent.avro(schemaFile("ad-clicks.v2-value", v),
                        List.of(new SchemaReference(geoName, geo, 2))), false);
            }
        }
        Path mapping = Files.writeString(dir.resolve("bridge-" + suffix + ".yaml"),
                Files.readString(Path.of("..", "schemas", "migrations", "ad-clicks-v2-to-v1.yaml"))
                        .replace("subject: ad-clicks.v2-value", "subject: " + newSubject)
                        .replace("subject: ad-clicks-value", "subject: " + oldSubject));
        kafka.createTopic(newTopic, 1);
        kafka.createTopic(oldTopic, 1);

        // The new lineage's records come in through the CLI's produce, as JSON.
        Path events = Files.writeString(dir.resolve("v2-" + suffix + ".ndjson"), adClickV2(1) + "\n" + adClickV2(2) + "\n");
        var produced = avrogate("produce", "--topic", newTopic, "--file", events.toString(),
                "--bootstrap-servers", kafka.bootstrapServers(), "--registry", registry.url(),
                "--config", properties("produce-bridge", rightClient()).toString());
        assertThat(produced.exitCode()).as(produced.all()).isZero();

        Map<String, Object> props = new HashMap<>(client(rightClient()));
        props.put(BridgeConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        props.put(BridgeConfig.MAPPING, mapping.toString());
        props.put(BridgeConfig.INSTANCE_ID, "bridge-" + suffix);
        props.put(BridgeConfig.GROUP_ID, "bridge-" + suffix);
        props.put(BridgeConfig.HTTP_PORT, "-1");
        props.put(BridgeConfig.OBSERVE_INTERVAL_MS, "-1");
        props.put(BridgeConfig.STATUS_TOPIC, "_bridge-status-" + suffix);
        props.put(BridgeConfig.POLL_TIMEOUT_MS, "100");
        try (BridgeRunner bridge = BridgeRunner.start(BridgeRunner.config(props))) {
            CompletableFuture<Void> running = CompletableFuture.runAsync(bridge::run);
            awaitUntil(() -> bridge.metrics().translated() >= 2, "2 records bridged");
            bridge.stop();
            running.get(30, TimeUnit.SECONDS);
        }
        List<GenericRecord> old = readAll(oldTopic, 2);
        assertThat(old).extracting(r -> r.get("click_id").toString())
                .containsExactly("5d1c7a2e-0f4b-4c1a-9b8e-2a6f3e9d1c01", "5d1c7a2e-0f4b-4c1a-9b8e-2a6f3e9d1c02");
        assertThat(old).extracting(r -> r.get("placement").toString()).containsOnly("FEED");

        var refused = avrogate("bridge", "--mapping", mapping.toString(), "--bootstrap-servers", kafka.bootstrapServers(),
                "--registry-url", registry.url(), "--config", properties("bridge-wrong", wrongClient()).toString(),
                "-D", "bridge.http.port=-1", "-D", "bridge.group.id=refused-" + suffix);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertRefusal(refused.err());
    }

    // ---- the CLI ----------------------------------------------------------------------------------------------

    @Test
    void cliRegisterCheckProduceAndConsumeWorkAndRefuseWrongCredentials() throws Exception {
        String topic = "cli-" + suffix;
        String subject = topic + "-value";
        SchemaRepoFixture repo = new SchemaRepoFixture(dir.resolve("repo-" + suffix));
        repo.subject(subject, SchemaRepoFixture.clicksYaml("BACKWARD").replace("topic: clicks", "topic: " + topic))
                .version(subject, 1, CLICK.toString());
        repo.commit("clicks v1");
        kafka.createTopic(topic, 1);
        String schemas = repo.schemas.toString();
        String right = properties("cli-right", rightClient()).toString();
        String wrong = properties("cli-wrong", wrongClient()).toString();

        var check = avrogate("check", "--schemas", schemas, "--registry", registry.url(), "--registry-config", right);
        assertThat(check.exitCode()).as(check.all()).isZero();
        var register = avrogate("register", "--schemas", schemas, "--registry", registry.url(), "--registry-config", right);
        assertThat(register.exitCode()).as(register.all()).isZero();
        assertThat(register.out()).contains("Registered 1 version(s)");
        Path events = Files.writeString(dir.resolve(topic + ".ndjson"),
                "{\"id\": \"c1\", \"ad_id\": \"a1\"}\n{\"id\": \"c2\", \"ad_id\": \"a2\"}\n");
        var produce = avrogate("produce", "--topic", topic, "--file", events.toString(), "--bootstrap-servers",
                kafka.bootstrapServers(), "--registry", registry.url(), "--config", right);
        assertThat(produce.exitCode()).as(produce.all()).isZero();
        assertThat(produce.out()).contains("sent 2 records to " + topic);
        List<String> consumeArgs = new ArrayList<>(List.of("consume", "--topic", topic, "--from-beginning", "--max", "2",
                "--bootstrap-servers", kafka.bootstrapServers(), "--registry", registry.url()));
        rightClient().forEach((k, v) -> consumeArgs.addAll(List.of("-p", k + "=" + v)));
        var consume = avrogate(consumeArgs.toArray(String[]::new));
        assertThat(consume.exitCode()).as(consume.all()).isZero();
        assertThat(consume.out().lines().map(SecuredEndToEndTest::valueId)).containsExactly("c1", "c2");

        var checkRefused = avrogate("check", "--schemas", schemas, "--registry", registry.url(), "--registry-config", wrong);
        var registerRefused = avrogate("register", "--schemas", schemas, "--registry", registry.url(), "--registry-config", wrong);
        var produceRefused = avrogate("produce", "--topic", topic, "--file", events.toString(), "--bootstrap-servers",
                kafka.bootstrapServers(), "--registry", registry.url(), "--config", wrong);
        List<String> refusedConsumeArgs = new ArrayList<>(consumeArgs.subList(0, consumeArgs.indexOf("-p")));
        wrongClient().forEach((k, v) -> refusedConsumeArgs.addAll(List.of("-p", k + "=" + v)));
        var consumeRefused = avrogate(refusedConsumeArgs.toArray(String[]::new));
        for (var refused : List.of(checkRefused, registerRefused, produceRefused, consumeRefused)) {
            assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
            assertRefusal(refused.err().lines().filter(l -> l.startsWith("avrogate: ")).collect(Collectors.joining("\n")));
            for (String secret : secrets()) assertThat(refused.all()).doesNotContain(secret);
        }
        assertThat(consumeRefused.out()).isEmpty();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** One line, saying what the mode's refusal says, naming no secret. */
    void assertRefusal(String message) {
        assertThat(message.strip()).isNotBlank().doesNotContain("\n").contains(refusal());
        for (String secret : secrets()) assertThat(message).doesNotContain(secret);
    }

    Map<String, Object> client(Map<String, String> settings) {
        Map<String, Object> all = new LinkedHashMap<>(settings);
        all.put("schema.registry.url", registry.url());
        return all;
    }

    Path properties(String name, Map<String, String> settings) throws IOException {
        StringBuilder text = new StringBuilder();
        settings.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        return Files.writeString(dir.resolve(name + ".properties"), text);
    }

    static GenericRecord click(int i) {
        GenericData.Record click = new GenericData.Record(CLICK);
        click.put("id", "click-" + i);
        click.put("ad_id", "ad-" + i);
        return click;
    }

    static String adClickV2(int i) {
        return "{\"id\":\"5d1c7a2e-0f4b-4c1a-9b8e-2a6f3e9d1c0" + i + "\",\"ad\":{\"ad_id\":\"ad-0001\",\"campaign_id\":\"cmp-000\","
                + "\"advertiser_id\":\"adv-00\"},\"occurred_at\":\"2026-11-24T09:00:00Z\",\"cost_micros\":350000,"
                + "\"slot\":\"NEWS_FEED\",\"client_ip\":\"AAAAAAAAAAAAAP//UQEBAQ==\"}";
    }

    private static String schemaFile(String subject, int version) throws IOException {
        return Files.readString(Path.of("..", "schemas", "subjects", subject, "v" + version + ".avsc"));
    }

    private static String valueId(String jsonLine) {
        try {
            JsonNode value = JSON.readTree(jsonLine).get("value");
            return value.get("id").asText();
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + jsonLine, e);
        }
    }

    private AvroProducer<String, Object> producer(Map<String, String> settings) {
        AvroSerializer<Object> values = new AvroSerializer<>();
        values.configure(client(settings), false);
        return AvroProducer.<String, Object>builder()
                .config("bootstrap.servers", kafka.bootstrapServers())
                .config("max.block.ms", 20_000)
                .serializers(new StringSerializer(), values)
                .build();
    }

    private ConsumerRunner<String, Object> runner(String topic, String group, Map<String, String> settings,
                                                  io.avrogate.consumer.RecordHandler<String, Object> handler) {
        Map<String, Object> config = new HashMap<>(client(settings));
        config.put("bootstrap.servers", kafka.bootstrapServers());
        config.put("group.id", group);
        config.put(ConsumerRunnerConfig.TOPICS, topic);
        config.put(ConsumerRunnerConfig.START_POSITION, "earliest");
        config.put(ConsumerRunnerConfig.DEAD_LETTER_TOPIC, topic + ".dlq");
        AvroDeserializer<Object> values = new AvroDeserializer<>();
        values.configure(config, false);
        return ConsumerRunner.<String, Object>builder(config).keyDeserializer(new StringDeserializer())
                .valueDeserializer(values).handler(handler).build();
    }

    private long endOffset(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get(20, TimeUnit.SECONDS)
                    .get(partition).offset();
        }
    }

    private List<GenericRecord> readAll(String topic, int count) {
        List<GenericRecord> out = new ArrayList<>();
        try (AvroDeserializer<Object> values = new AvroDeserializer<>();
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                     "isolation.level", "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            values.configure(client(rightClient()), false);
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    out.add((GenericRecord) values.deserialize(topic, record.value()));
                }
            }
        }
        return out;
    }

    static void awaitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    private static Logger rootLogger() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static String throwableText(IThrowableProxy proxy) {
        StringBuilder text = new StringBuilder();
        for (IThrowableProxy t = proxy; t != null; t = t.getCause()) text.append(' ').append(t.getMessage());
        return text.toString();
    }

    static SchemaRepoFixture.Result avrogate(String... args) {
        return SchemaRepoFixture.run(args);
    }
}
