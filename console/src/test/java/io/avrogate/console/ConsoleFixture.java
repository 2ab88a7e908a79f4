package io.avrogate.console;

import io.avrogate.registry.RegistryServer;
import io.avrogate.registry.client.SchemaContent;
import io.avrogate.registry.client.SchemaReference;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import io.avrogate.serde.deadletter.DeadLetter;
import io.avrogate.serde.deadletter.DeadLetterStage;
import io.avrogate.server.auth.PasswordHash;
import io.avrogate.testkit.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What the console tests look at, on the real broker and registry: subjects under a per-run tag (orders with two
 * versions, a money type referenced by payments, clicks), a dead-letter topic holding three poison pills, and a
 * console with BASIC authentication and an ACL: {@code admin} may do everything, {@code reader} may read
 * {@code orders-*} only.
 */
final class ConsoleFixture implements AutoCloseable {
    static final String PASSWORD = "console-test-password";
    static final String ORDERS_V1 = """
            {"type":"record","name":"Order","namespace":"io.avrogate.test","doc":"An order placed in the shop","fields":[
              {"name":"id","type":"string"},
              {"name":"amount","type":"double"},
              {"name":"note","type":"string","default":""}]}""";
    static final String ORDERS_V2 = """
            {"type":"record","name":"Order","namespace":"io.avrogate.test","doc":"An order placed in the shop","fields":[
              {"name":"id","type":"string"},
              {"name":"amount","type":"double"},
              {"name":"note","type":"string","default":"none"},
              {"name":"currency","type":"string","default":"EUR"}]}""";
    /** Incompatible under BACKWARD: a new field without a default. */
    static final String ORDERS_BREAKING = """
            {"type":"record","name":"Order","namespace":"io.avrogate.test","fields":[
              {"name":"id","type":"string"},
              {"name":"amount","type":"double"},
              {"name":"note","type":"string","default":"none"},
              {"name":"currency","type":"string","default":"EUR"},
              {"name":"customer","type":"string"}]}""";
    static final String MONEY = """
            {"type":"record","name":"Money","namespace":"io.avrogate.test","fields":[
              {"name":"units","type":"long"},{"name":"currency","type":"string"}]}""";
    static final String PAYMENT = """
            {"type":"record","name":"Payment","namespace":"io.avrogate.test","fields":[
              {"name":"id","type":"string"},{"name":"total","type":"io.avrogate.test.Money"}]}""";
    static final String CLICK = """
            {"type":"record","name":"Click","namespace":"io.avrogate.test","fields":[
              {"name":"user","type":"string"},{"name":"count","type":"int"}]}""";
    static final List<String> POISON_REASONS = List.of("Unknown magic byte!", "schema id 999999 is not registered",
            "handler gave up: count must be positive");

    final String tag = "t" + UUID.randomUUID().toString().substring(0, 8);
    final String orders = "orders-" + tag + "-value";
    final String money = "money-" + tag + "-value";
    final String payments = "payments-" + tag + "-value";
    final String clicks = "clicks-" + tag + "-value";
    final String dlqTopic = "clicks-" + tag + ".dlq";
    final ConsoleServer console;
    final int ordersV1Id;
    final int ordersV2Id;
    private final Path dir;

    ConsoleFixture(EmbeddedKafka kafka, RegistryServer registry) throws IOException {
        dir = Files.createTempDirectory("console-test");
        int clickId;
        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()))) {
            ordersV1Id = client.register(orders, SchemaContent.avro(ORDERS_V1), false);
            ordersV2Id = client.register(orders, SchemaContent.avro(ORDERS_V2), false);
            client.register(money, SchemaContent.avro(MONEY), false);
            client.register(payments, SchemaContent.avro(PAYMENT,
                    List.of(new SchemaReference("io.avrogate.test.Money", money, 1))), false);
            clickId = client.register(clicks, SchemaContent.avro(CLICK), false);
        }
        kafka.createTopic(dlqTopic, 1, Map.of());
        writePoisonPills(kafka.bootstrapServers(), clickId);

        String hash = PasswordHash.create(PASSWORD.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
        Path credentials = Files.writeString(dir.resolve("credentials"),
                "admin: " + hash + ",admins\nreader: " + hash + ",orders-readers\n");
        Path acl = Files.writeString(dir.resolve("acl.yaml"), """
                grants:
                  - roles: [orders-readers]
                    subjects: ["orders-*"]
                    operations: [READ]
                  - roles: [admins]
                    subjects: ["*"]
                    topics: ["*"]
                    services: [bridge, metrics]
                    global: true
                    operations: [ADMIN]
                """);
        Map<String, Object> props = new HashMap<>();
        props.put("schema.registry.url", registry.url());
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("console.listeners", "http://127.0.0.1:0");
        props.put("console.authentication.method", "BASIC");
        props.put("console.avrogate.authentication.credentials.file", credentials.toString());
        props.put("console.avrogate.authorization.acl.file", acl.toString());
        console = ConsoleServer.start(props);
    }

    /** Three dead letters as the consumer runner writes them: two undecodable values, one the handler refused. */
    private void writePoisonPills(String bootstrap, int clickId) throws IOException {
        String topic = "clicks-" + tag;
        byte[] wrongMagic = {1, 2, 3, 4, 5, 6};
        byte[] unknownId = ByteBuffer.allocate(7).put((byte) 0).putInt(999_999).put(new byte[] {2, 4}).array();
        byte[] valid = wire(clickId, CLICK, "u-17", -1);
        List<byte[]> values = List.of(wrongMagic, unknownId, valid);
        List<DeadLetterStage> stages = List.of(DeadLetterStage.VALUE_DESERIALIZATION, DeadLetterStage.VALUE_DESERIALIZATION,
                DeadLetterStage.HANDLER);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 3; i++) {
                DeadLetter letter = new DeadLetter(topic, 0, 40 + i, 1_700_000_000_000L, "consumer", stages.get(i),
                        "org.apache.kafka.common.errors.SerializationException", POISON_REASONS.get(i), null, 1,
                        "clicks-readers", null, null);
                producer.send(new ProducerRecord<byte[], byte[]>(dlqTopic, null, null, values.get(i), letter.toHeaders(new RecordHeaders())));
            }
            producer.flush();
        }
    }

    private static byte[] wire(int id, String schemaText, String user, int count) throws IOException {
        Schema schema = new Schema.Parser().parse(schemaText);
        GenericRecord click = new GenericData.Record(schema);
        click.put("user", user);
        click.put("count", count);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(click, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** The console's base URL with a user's credentials in it, as a browser takes them. */
    String urlAs(String user) {
        return console.url().replace("http://", "http://" + user + ":" + PASSWORD + "@");
    }

    @Override
    public void close() throws IOException {
        console.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
