package io.avrogate.ingest;

import static io.avrogate.server.auth.AccessMatrix.assertOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.producer.RegisteredSchemas;
import io.avrogate.registry.RegistryServer;
import io.avrogate.server.HttpServer;
import io.avrogate.server.TestKeys;
import io.avrogate.server.auth.AccessMatrix;
import io.avrogate.server.auth.TestUsers;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authorization matrix for ingest over real HTTP(S), a real broker and registry: each route (the list comes from
 * the listener ingest builds, so a new route fails this test until it has rows) for no credentials, a reader and a
 * writer of {@code orders-*}, an admin, and the anonymous read-only role (on an {@code https://} listener). A denied
 * POST writes nothing to the topic.
 */
@ExtendWith(RegistryExtension.class)
class IngestAuthorizationTest {
    private enum Role {
        ANONYMOUS(null), READER(TestUsers.READER), WRITER(TestUsers.WRITER), ADMIN(TestUsers.ADMIN), ANONYMOUS_ROLE(null);

        final String user;

        Role(String user) {
            this.user = user;
        }
    }

    /** A request and whether each {@link Role} may make it ('Y'/'N'); {@code {o}}/{@code {p}}: the orders/payments topic. */
    private record Row(String route, String method, String path, String expect) {
        boolean allowed(Role role) {
            return expect.charAt(role.ordinal()) == 'Y';
        }
    }

    private static final List<Row> ROWS = List.of(
            new Row("POST /topics/{topic}", "POST", "/topics/{o}", "NNYYN"),
            new Row("POST /topics/{topic}", "POST", "/topics/{p}", "NNNYN"),
            new Row("GET /topics/{topic}", "GET", "/topics/{o}", "NYYYY"),
            new Row("GET /topics/{topic}", "GET", "/topics/{p}", "NNNYN"),
            new Row("GET /health", "GET", "/health", "YYYYY"),
            new Row("GET /health/live", "GET", "/health/live", "YYYYY"),
            new Row("GET /health/ready", "GET", "/health/ready", "YYYYY"),
            new Row("GET /metrics", "GET", "/metrics", "NNNYN"));

    @TempDir
    static Path dir;
    private static RegisteredSchemas schemas;
    private static String orders;
    private static String payments;
    private static IngestServer plain;
    private static IngestServer tls;
    private static AccessMatrix https;
    private static KafkaConsumer<byte[], byte[]> consumer;
    private static final AccessMatrix HTTP = new AccessMatrix(null);

    @BeforeAll
    static void start(EmbeddedKafka kafka, RegistryServer registry) throws Exception {
        schemas = new RegisteredSchemas(registry.url());
        orders = RegisteredSchemas.uniqueTopic("orders");
        payments = RegisteredSchemas.uniqueTopic("payments");
        for (String topic : List.of(orders, payments)) {
            schemas.registerValue(topic, "app-events-value", 3);
            kafka.createTopic(topic, 1);
        }
        Map<String, Object> clients = Map.of("bootstrap.servers", kafka.bootstrapServers(), "schema.registry.url", registry.url());
        IngestSettings settings = IngestSettings.defaults().withListener("127.0.0.1", 0)
                .withAllowedTopics(Set.of(orders, payments), null);
        plain = IngestServer.start(settings.withServerConfigs(TestUsers.basicAuth(dir, false)), clients);
        TestKeys keys = TestKeys.create(dir);
        https = new AccessMatrix(keys.clientContext(false));
        Map<String, Object> secure = new HashMap<>(TestUsers.basicAuth(dir, true));
        secure.putAll(keys.httpsListener());
        tls = IngestServer.start(settings.withServerConfigs(secure), clients);
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterAll
    static void stop() {
        if (consumer != null) consumer.close();
        if (tls != null) tls.close();
        if (plain != null) plain.close();
        if (schemas != null) schemas.close();
    }

    /** Records in the orders and payments topics. */
    private static long records() {
        return consumer.endOffsets(List.of(new TopicPartition(orders, 0), new TopicPartition(payments, 0)),
                Duration.ofSeconds(10)).values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void everyRouteHasRowsInTheMatrix() {
        HttpServer built = new IngestHttp(null, IngestSettings.defaults().withListener("127.0.0.1", 0), java.util.Map.of(), null).create();
        TreeSet<String> registered = new TreeSet<>();
        try {
            built.javalin().unsafe.internalRouter.allHttpHandlers().forEach(parsed -> {
                if (parsed.endpoint.method.isHttpMethod()) registered.add(parsed.endpoint.method.name() + " " + parsed.endpoint.path);
            });
        } finally {
            built.metrics().close();
        }
        assertThat(new TreeSet<>(ROWS.stream().map(Row::route).toList())).isEqualTo(registered);
    }

    @Test
    void eachRoleOnEachRoute() {
        for (Role role : Role.values()) {
            boolean anonymousRole = role == Role.ANONYMOUS_ROLE;
            IngestServer server = anonymousRole ? tls : plain;
            AccessMatrix client = anonymousRole ? https : HTTP;
            run(role, server, client);
            if (role != Role.ANONYMOUS && !anonymousRole) run(role, tls, https); // the users over TLS as well
        }
    }

    private static void run(Role role, IngestServer server, AccessMatrix client) {
        for (Row row : ROWS) {
            String path = row.path().replace("{o}", orders).replace("{p}", payments);
            String what = role + " " + row.method() + " " + path + " on " + server.url();
            long before = records();
            AccessMatrix.Answer answer = client.send(server.url() + path, row.method(),
                    row.method().equals("POST") ? IngestServerTest.appEvent("tap") : null, role.user);
            assertOutcome(answer, row.allowed(role), role.user == null, what);
            if (row.method().equals("POST")) {
                assertThat(records()).as(what + ": records in Kafka").isEqualTo(before + (row.allowed(role) ? 1 : 0));
                if (row.allowed(role)) assertThat(answer.status()).as(what + ": " + answer.body()).isEqualTo(200);
            }
        }
    }
}
