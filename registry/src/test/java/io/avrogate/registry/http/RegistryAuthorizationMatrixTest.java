package io.avrogate.registry.http;

import static io.avrogate.server.auth.AccessMatrix.assertOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avrogate.registry.RegistryServer;
import io.avrogate.server.TestKeys;
import io.avrogate.server.auth.AccessMatrix;
import io.avrogate.server.auth.TestUsers;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.KafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
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
 * The authorization matrix for the registry, over real HTTP(S) against real registries on a real broker:
 * every REST route (the list comes from {@link RegistryRoutes}, so a new route fails this test until it has rows)
 * for each role: no credentials, a reader and a writer of {@code orders-*}, an admin, and the optional anonymous
 * read-only role. Every denied request must leave the {@code _schemas} topic as it was.
 * <p>
 * Two registries share one store topic: one on {@code http://} without the anonymous role, one on {@code https://}
 * with it (the anonymous column and a subset of the others run over TLS).
 */
@ExtendWith(KafkaExtension.class)
class RegistryAuthorizationMatrixTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORDERS = "orders-value";
    private static final String PAYMENTS = "payments-value";

    /** The columns of {@link Row#expect}, in order. */
    private enum Role {
        ANONYMOUS(null), READER(TestUsers.READER), WRITER(TestUsers.WRITER), ADMIN(TestUsers.ADMIN),
        ANONYMOUS_ROLE(null);

        final String user;

        Role(String user) {
            this.user = user;
        }
    }

    /**
     * One request and whether each {@link Role} may make it ('Y') or not ('N'). Path placeholders: {@code {o}}
     * orders-value, {@code {p}} payments-value, {@code {oid}} and {@code {pid}} their schema ids, {@code {ow}} and
     * {@code {pw}} a subject of the role's own under orders-* and payments-* (so that one role's writes do not move
     * another's ground).
     *
     * @param route the route template as RegistryRoutes registers it, or null for the listener's own endpoints
     */
    private record Row(String route, String method, String path, String body, String expect) {
        boolean allowed(Role role) {
            return expect.charAt(role.ordinal()) == 'Y';
        }
    }

    private static final String REGISTER = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Order\\\","
            + "\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"string\\\"}]}\"}";
    private static final String REGISTER_PAYMENT = REGISTER.replace("Order", "Payment");
    private static final String COMPATIBILITY = "{\"compatibility\":\"BACKWARD\"}";
    private static final String READWRITE = "{\"mode\":\"READWRITE\"}";
    private static final String ALL = "NYYYY";
    private static final String ORDERS_READ = "NYYYY";
    private static final String OTHERS_READ = "NNNYN";
    private static final String ORDERS_WRITE = "NNYYN";
    private static final String ADMIN_ONLY = "NNNYN";

    private static final List<Row> ROWS = List.of(
            new Row("GET /", "GET", "/", null, ALL),
            new Row("POST /", "POST", "/", "{}", ALL),
            new Row("GET /schemas/types", "GET", "/schemas/types", null, ALL),
            new Row("GET /schemas", "GET", "/schemas", null, ALL),
            new Row("GET /contexts", "GET", "/contexts", null, ALL),
            new Row("GET /subjects", "GET", "/subjects", null, ALL),
            new Row("GET /schemas/ids/{id}", "GET", "/schemas/ids/{oid}", null, ORDERS_READ),
            new Row("GET /schemas/ids/{id}", "GET", "/schemas/ids/{pid}", null, OTHERS_READ),
            new Row("GET /schemas/ids/{id}/schema", "GET", "/schemas/ids/{oid}/schema", null, ORDERS_READ),
            new Row("GET /schemas/ids/{id}/schema", "GET", "/schemas/ids/{pid}/schema", null, OTHERS_READ),
            new Row("GET /schemas/ids/{id}/subjects", "GET", "/schemas/ids/{oid}/subjects", null, ORDERS_READ),
            new Row("GET /schemas/ids/{id}/subjects", "GET", "/schemas/ids/{pid}/subjects", null, OTHERS_READ),
            new Row("GET /schemas/ids/{id}/versions", "GET", "/schemas/ids/{oid}/versions", null, ORDERS_READ),
            new Row("GET /schemas/ids/{id}/versions", "GET", "/schemas/ids/{pid}/versions", null, OTHERS_READ),
            new Row("POST /subjects/{subject}", "POST", "/subjects/{o}", REGISTER, ORDERS_READ),
            new Row("POST /subjects/{subject}", "POST", "/subjects/{p}", REGISTER_PAYMENT, OTHERS_READ),
            new Row("GET /subjects/{subject}/versions", "GET", "/subjects/{o}/versions", null, ORDERS_READ),
            new Row("GET /subjects/{subject}/versions", "GET", "/subjects/{p}/versions", null, OTHERS_READ),
            new Row("GET /subjects/{subject}/metadata", "GET", "/subjects/{o}/metadata", null, ORDERS_READ),
            new Row("GET /subjects/{subject}/metadata", "GET", "/subjects/{p}/metadata", null, OTHERS_READ),
            new Row("GET /subjects/{subject}/versions/{version}", "GET", "/subjects/{o}/versions/1", null, ORDERS_READ),
            new Row("GET /subjects/{subject}/versions/{version}", "GET", "/subjects/{p}/versions/latest", null, OTHERS_READ),
            new Row("GET /subjects/{subject}/versions/{version}/schema", "GET", "/subjects/{o}/versions/1/schema", null, ORDERS_READ),
            new Row("GET /subjects/{subject}/versions/{version}/schema", "GET", "/subjects/{p}/versions/1/schema", null, OTHERS_READ),
            new Row("GET /subjects/{subject}/versions/{version}/referencedby", "GET", "/subjects/{o}/versions/1/referencedby", null, ORDERS_READ),
            new Row("GET /subjects/{subject}/versions/{version}/referencedby", "GET", "/subjects/{p}/versions/1/referencedby", null, OTHERS_READ),
            new Row("POST /compatibility/subjects/{subject}/versions/{version}", "POST", "/compatibility/subjects/{o}/versions/latest", REGISTER, ORDERS_READ),
            new Row("POST /compatibility/subjects/{subject}/versions/{version}", "POST", "/compatibility/subjects/{p}/versions/1", REGISTER, OTHERS_READ),
            new Row("POST /compatibility/subjects/{subject}/versions", "POST", "/compatibility/subjects/{o}/versions", REGISTER, ORDERS_READ),
            new Row("POST /compatibility/subjects/{subject}/versions", "POST", "/compatibility/subjects/{p}/versions", REGISTER, OTHERS_READ),
            new Row("GET /config/{subject}", "GET", "/config/{o}", null, ORDERS_READ),
            new Row("GET /config/{subject}", "GET", "/config/{p}", null, OTHERS_READ),
            new Row("GET /mode/{subject}", "GET", "/mode/{o}", null, ORDERS_READ),
            new Row("GET /mode/{subject}", "GET", "/mode/{p}", null, OTHERS_READ),
            new Row("GET /config", "GET", "/config", null, ADMIN_ONLY),
            new Row("GET /mode", "GET", "/mode", null, ADMIN_ONLY),
            // Writes, in an order that makes each one real for those allowed: register, then delete.
            new Row("POST /subjects/{subject}/versions", "POST", "/subjects/{ow}/versions", REGISTER, ORDERS_WRITE),
            new Row("POST /subjects/{subject}/versions", "POST", "/subjects/{pw}/versions", REGISTER_PAYMENT, ADMIN_ONLY),
            new Row("PUT /config/{subject}", "PUT", "/config/{ow}", COMPATIBILITY, ADMIN_ONLY),
            new Row("DELETE /config/{subject}", "DELETE", "/config/{ow}", null, ADMIN_ONLY),
            new Row("PUT /mode/{subject}", "PUT", "/mode/{ow}", READWRITE, ADMIN_ONLY),
            new Row("DELETE /mode/{subject}", "DELETE", "/mode/{ow}", null, ADMIN_ONLY),
            new Row("DELETE /subjects/{subject}/versions/{version}", "DELETE", "/subjects/{pw}/versions/1", null, ADMIN_ONLY),
            new Row("DELETE /subjects/{subject}/versions/{version}", "DELETE", "/subjects/{ow}/versions/1", null, ORDERS_WRITE),
            new Row("DELETE /subjects/{subject}/versions/{version}", "DELETE", "/subjects/{ow}/versions/1?permanent=true", null, ADMIN_ONLY),
            new Row("DELETE /subjects/{subject}", "DELETE", "/subjects/{pw}", null, ADMIN_ONLY),
            new Row("DELETE /subjects/{subject}", "DELETE", "/subjects/{ow}", null, ORDERS_WRITE),
            new Row("DELETE /subjects/{subject}", "DELETE", "/subjects/{ow}?permanent=true", null, ADMIN_ONLY),
            new Row("PUT /config", "PUT", "/config", COMPATIBILITY, ADMIN_ONLY),
            new Row("DELETE /config", "DELETE", "/config", null, ADMIN_ONLY),
            new Row("PUT /mode", "PUT", "/mode", READWRITE, ADMIN_ONLY),
            // The listener's own endpoints.
            new Row(null, "GET", "/health", null, "YYYYY"),
            new Row(null, "GET", "/health/live", null, "YYYYY"),
            new Row(null, "GET", "/health/ready", null, "YYYYY"),
            new Row(null, "GET", "/metrics", null, ADMIN_ONLY));

    @TempDir
    static Path dir;
    private static String topic;
    private static RegistryServer plain;
    private static RegistryServer tls;
    private static KafkaConsumer<byte[], byte[]> store;
    private static TestKeys keys;
    private static final AccessMatrix HTTP = new AccessMatrix(null);
    private static AccessMatrix https;
    private static int ordersId;
    private static int paymentsId;

    @BeforeAll
    static void start(EmbeddedKafka kafka) throws Exception {
        topic = "_schemas-authz-" + UUID.randomUUID();
        Map<String, Object> common = new HashMap<>(Map.of("kafkastore.bootstrap.servers", kafka.bootstrapServers(),
                "kafkastore.topic", topic, "kafkastore.timeout.ms", 10000));
        Map<String, Object> first = new HashMap<>(common);
        first.putAll(TestUsers.basicAuth(dir, false));
        first.put("listeners", "http://127.0.0.1:0");
        plain = RegistryServer.start(first);
        ordersId = seed(ORDERS, REGISTER);
        paymentsId = seed(PAYMENTS, REGISTER_PAYMENT);

        keys = TestKeys.create(dir);
        https = new AccessMatrix(keys.clientContext(false));
        Map<String, Object> second = new HashMap<>(common);
        second.putAll(TestUsers.basicAuth(dir, true));
        second.putAll(keys.httpsListener());
        tls = RegistryServer.start(second);
        awaitSeen(tls, https, "/subjects/" + PAYMENTS + "/versions");

        store = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterAll
    static void stop() {
        if (store != null) store.close();
        if (tls != null) tls.close();
        if (plain != null) plain.close();
    }

    private static int seed(String subject, String body) throws Exception {
        AccessMatrix.Answer answer = HTTP.send(plain.url() + "/subjects/" + subject + "/versions", "POST", body, TestUsers.ADMIN);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).get("id").asInt();
    }

    /** The second registry reads the store topic on its own: wait until it has the seeded subjects. */
    private static void awaitSeen(RegistryServer server, AccessMatrix client, String path) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (client.send(server.url() + path, "GET", null, TestUsers.ADMIN).status() != 200) {
            assertThat(System.nanoTime()).as(server.url() + " never saw " + path).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The store topic's end offsets, summed: any record the registry writes moves it. */
    private static long storeEnd() {
        List<TopicPartition> partitions = store.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        return store.endOffsets(partitions, Duration.ofSeconds(10)).values().stream().mapToLong(Long::longValue).sum();
    }

    private static String path(Row row, Role role, String suffix) {
        String own = role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + suffix;
        return row.path().replace("{oid}", Integer.toString(ordersId)).replace("{pid}", Integer.toString(paymentsId))
                .replace("{ow}", "orders-" + own + "-value").replace("{pw}", "payments-" + own + "-value")
                .replace("{o}", ORDERS).replace("{p}", PAYMENTS);
    }

    /** Runs the rows as the role, each checked against its expectation; a denied request must not move the store. */
    private static void run(List<Row> rows, Role role, RegistryServer server, AccessMatrix client, String suffix) {
        for (Row row : rows) {
            String path = path(row, role, suffix);
            String what = role + " " + row.method() + " " + path + " on " + server.url();
            long before = storeEnd();
            AccessMatrix.Answer answer = client.send(server.url() + path, row.method(), row.body(), role.user);
            assertOutcome(answer, row.allowed(role), role.user == null, what);
            if (!row.allowed(role)) assertThat(storeEnd()).as(what + " changed the store topic").isEqualTo(before);
        }
    }

    @Test
    void everyRouteHasRowsInTheMatrix() {
        TreeSet<String> covered = new TreeSet<>();
        ROWS.stream().filter(r -> r.route() != null).forEach(r -> {
            assertThat(r.route()).as("row's route matches its method").startsWith(r.method() + " ");
            covered.add(r.route());
        });
        assertThat(covered).as("every registry route is in the matrix, and nothing else")
                .isEqualTo(RegistryPermissionsTest.registeredRoutes());
    }

    @Test
    void eachRoleOnEachRouteOverHttpAndHttps() {
        long seeded = storeEnd();
        run(ROWS, Role.ANONYMOUS, plain, HTTP, "");
        run(ROWS, Role.READER, plain, HTTP, "");
        run(ROWS, Role.ANONYMOUS_ROLE, tls, https, "");
        assertThat(storeEnd()).as("no credentials, a reader and the anonymous role wrote nothing at all").isEqualTo(seeded);
        run(ROWS, Role.WRITER, plain, HTTP, "");
        assertThat(storeEnd()).as("the writer's allowed writes reached the store").isGreaterThan(seeded);
        run(ROWS, Role.ADMIN, plain, HTTP, "");

        // The users over TLS too, on a subset: a read and a write of each kind of resource. (Without credentials, the
        // TLS registry's answer is the anonymous role's, which ran over TLS above.)
        List<Row> subset = ROWS.stream().filter(r -> r.route() == null || List.of("GET /subjects/{subject}/versions",
                "GET /schemas/ids/{id}", "POST /subjects/{subject}/versions", "PUT /config/{subject}", "PUT /config",
                "DELETE /subjects/{subject}").contains(r.route())).toList();
        for (Role role : List.of(Role.READER, Role.WRITER, Role.ADMIN)) {
            run(subset, role, tls, https, "-tls");
        }
    }

    @Test
    void listsShowOnlyReadableSubjects() throws Exception {
        // One schema under a subject of each kind: its id's subjects and versions are filtered too.
        String shared = REGISTER.replace("Order", "Shared");
        int id = seed("orders-shared-value", shared);
        assertThat(seed("payments-shared-value", shared)).isEqualTo(id);
        awaitSeen(tls, https, "/subjects/payments-shared-value/versions");

        for (Role role : Role.values()) {
            if (role == Role.ANONYMOUS) continue;
            RegistryServer server = role == Role.ANONYMOUS_ROLE ? tls : plain;
            AccessMatrix client = role == Role.ANONYMOUS_ROLE ? https : HTTP;
            List<String> subjects = strings(client, server, "/subjects", role);
            List<String> ofSchemas = new ArrayList<>();
            list(client, server, "/schemas", role).forEach(n -> ofSchemas.add(n.get("subject").asText()));
            List<String> ofId = strings(client, server, "/schemas/ids/" + id + "/subjects", role);
            List<String> versionsOfId = new ArrayList<>();
            list(client, server, "/schemas/ids/" + id + "/versions", role).forEach(n -> versionsOfId.add(n.get("subject").asText()));
            if (role == Role.ADMIN) {
                assertThat(subjects).as(role + " GET /subjects").contains(ORDERS, PAYMENTS, "payments-shared-value");
                assertThat(ofSchemas).as(role + " GET /schemas").contains(ORDERS, PAYMENTS);
                assertThat(ofId).containsExactlyInAnyOrder("orders-shared-value", "payments-shared-value");
                assertThat(versionsOfId).containsExactlyInAnyOrder("orders-shared-value", "payments-shared-value");
            } else {
                assertThat(subjects).as(role + " GET /subjects").contains(ORDERS, "orders-shared-value")
                        .allMatch(s -> s.startsWith("orders-"));
                assertThat(ofSchemas).as(role + " GET /schemas").contains(ORDERS).allMatch(s -> s.startsWith("orders-"));
                assertThat(ofId).as(role + " subjects of a shared id").containsExactly("orders-shared-value");
                assertThat(versionsOfId).as(role + " versions of a shared id").containsExactly("orders-shared-value");
            }
        }
    }

    private static List<JsonNode> list(AccessMatrix client, RegistryServer server, String path, Role role) throws Exception {
        AccessMatrix.Answer answer = client.send(server.url() + path, "GET", null, role.user);
        assertThat(answer.status()).as(role + " GET " + path + ": " + answer.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(answer.body()).forEach(out::add);
        return out;
    }

    private static List<String> strings(AccessMatrix client, RegistryServer server, String path, Role role) throws Exception {
        return list(client, server, path, role).stream().map(JsonNode::asText).toList();
    }
}
