package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.avrogate.registry.RegistryServer;
import io.avrogate.server.ServerSettings;
import io.avrogate.server.auth.AccessControl;
import io.avrogate.server.auth.AuthConfig;
import io.avrogate.server.auth.CredentialsFile;
import io.avrogate.server.auth.Permission;
import io.avrogate.server.auth.PasswordHash;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure table of docs/failures.md, row by row: each command run in this JVM against a real broker and
 * registry that is down, at the wrong port, taken, not a registry, speaking the other TLS, or refusing the
 * credentials. Each one-shot command must exit 1 with one line naming the address and the fix; each service must
 * warn while it waits and give up after --startup-timeout.
 */
@ExtendWith(RegistryExtension.class)
class FailureScenariosTest {
    private static final Path SCHEMAS = Path.of("..", "schemas");
    private static final Path MAPPING = SCHEMAS.resolve("migrations").resolve("ad-clicks-v2-to-v1.yaml");

    @TempDir
    static Path tmp;

    /** A port nothing listens on. */
    static int closedPort;
    static String events;
    /** A web server that is not a registry: 404 with an HTML page for every request, and the methods it saw. */
    static HttpServer webServer;
    static final List<String> webRequests = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void setUp() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        events = Files.writeString(tmp.resolve("events.ndjson"), "{\"id\": 1}\n").toString();
        webServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webServer.createContext("/", exchange -> {
            webRequests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            byte[] page = "<html><body><h1>Not Found</h1></body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(404, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        webServer.start();
    }

    @AfterAll
    static void tearDown() {
        webServer.stop(0);
    }

    private static SchemaRepoFixture.Result run(String... args) {
        return SchemaRepoFixture.run(args);
    }

    /** A one-shot command's failure: exit 1 and exactly one line on stderr with the address and the fix. */
    private static void failsWithOneLine(SchemaRepoFixture.Result result, String address, String fix) {
        assertThat(result.exitCode()).as(result.all()).isEqualTo(Failure.EXIT_CODE);
        String err = result.err().strip();
        assertThat(err).as(result.all()).startsWith("avrogate: ").doesNotContain("\n").contains(address).contains(fix)
                .doesNotContain("null").doesNotContain("Exception:");
    }

    /** A service's failure at start: at least one WARN naming the address, then one line and exit 1. */
    private static void warnsThenGivesUp(SchemaRepoFixture.Result result, String address, String fix) {
        assertThat(result.exitCode()).as(result.all()).isEqualTo(Failure.EXIT_CODE);
        List<String> lines = result.err().strip().lines().toList();
        assertThat(lines.get(0)).as(result.all()).startsWith("WARN still waiting for").contains(address).contains(fix);
        assertThat(lines.get(lines.size() - 1)).startsWith("avrogate: ").contains(address).contains(fix)
                .contains("gave up after").contains("--startup-timeout");
    }

    private static String[] args(String... args) {
        return args;
    }

    // ---- Kafka down, wrong port, TLS mismatch -------------------------------------------------------------------

    @Test
    void brokerDown(RegistryServer registry) {
        String kafka = "127.0.0.1:" + closedPort;
        String address = "cannot reach Kafka at " + kafka + " (connection refused)";
        failsWithOneLine(run("consume", "--topic", "t", "--bootstrap-servers", kafka, "--registry", registry.url()),
                address, "--bootstrap-servers");
        failsWithOneLine(run("produce", "--topic", "t", "--file", events, "--bootstrap-servers", kafka,
                "--registry", registry.url()), address, "--bootstrap-servers");
        failsWithOneLine(run("bridge", "status", "--mapping", MAPPING.toString(), "--bootstrap-servers", kafka),
                address, "--bootstrap-servers");
        String[] wait = args("--startup-timeout", "7s");
        warnsThenGivesUp(run(concat(args("registry", "--bootstrap-servers", kafka, "-D", "listeners=http://127.0.0.1:0"), wait)),
                address, "SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS");
        warnsThenGivesUp(run(concat(args("ingest", "--port", "0", "--bootstrap-servers", kafka, "--registry", registry.url()),
                wait)), address, "--bootstrap-servers");
        warnsThenGivesUp(run(concat(args("bridge", "--mapping", MAPPING.toString(), "--bootstrap-servers", kafka,
                "--registry", registry.url()), wait)), address, "--bootstrap-servers");
    }

    @Test
    void unknownBrokerHost(RegistryServer registry) {
        failsWithOneLine(run("consume", "--topic", "t", "--bootstrap-servers", "kafka.invalid:9092", "--registry",
                registry.url()), "cannot reach Kafka at kafka.invalid:9092 (unknown host kafka.invalid)", "--bootstrap-servers");
    }

    @Test
    void wrongPortThatIsNotKafka(RegistryServer registry) {
        // The registry's HTTP port accepts connections but never answers as Kafka.
        String notKafka = "127.0.0.1:" + registry.port();
        String address = "Kafka at " + notKafka + " accepts connections but gave no Kafka answer";
        failsWithOneLine(run("consume", "--topic", "t", "--bootstrap-servers", notKafka, "--registry", registry.url()),
                address, "--bootstrap-servers");
        failsWithOneLine(run("bridge", "status", "--mapping", MAPPING.toString(), "--bootstrap-servers", notKafka),
                address, "security.protocol");
    }

    @Test
    void kafkaTlsMismatch(EmbeddedKafka kafka, RegistryServer registry) {
        // A TLS client against the broker's plaintext listener.
        ensureTopic(kafka);
        var result = run("consume", "--topic", "t", "--bootstrap-servers", kafka.bootstrapServers(), "--registry",
                registry.url(), "-D", "security.protocol=SSL");
        failsWithOneLine(result, "Kafka at " + kafka.bootstrapServers(), "security.protocol");
    }

    // ---- ports in use --------------------------------------------------------------------------------------------

    @Test
    void portInUse(EmbeddedKafka kafka, RegistryServer registry) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            String port = String.valueOf(taken.getLocalPort());
            failsWithOneLine(run("up", "--kafka-port", port, "--registry-port", "0"),
                    "port " + port + " for Kafka is already in use", "--kafka-port");
            failsWithOneLine(run("up", "--kafka-port", "0", "--registry-port", port),
                    "port " + port + " for the schema registry is already in use", "--registry-port");
            failsWithOneLine(run("registry", "--bootstrap-servers", kafka.bootstrapServers(),
                    "-D", "listeners=http://127.0.0.1:" + port, "-D", "kafkastore.topic=_schemas_" + UUID.randomUUID()),
                    "cannot listen on http://127.0.0.1:" + port, "listeners");
            failsWithOneLine(run("ingest", "--host", "127.0.0.1", "--port", port, "--bootstrap-servers",
                    kafka.bootstrapServers(), "--registry", registry.url()), "cannot listen on 127.0.0.1:" + port, "--port");
        }
    }

    // ---- registry down, not a registry, TLS mismatch, bad credentials --------------------------------------------

    /** The commands that use a registry, pointed at {@code url}; services with a short --startup-timeout. */
    private static void everyRegistryCommandFails(EmbeddedKafka kafka, String url, String address, String fix) {
        ensureTopic(kafka);
        failsWithOneLine(run("register", "--schemas", SCHEMAS.toString(), "--registry", url), address, fix);
        failsWithOneLine(run("check", "--schemas", SCHEMAS.toString(), "--registry", url), address, fix);
        failsWithOneLine(run("consume", "--topic", "t", "--bootstrap-servers", kafka.bootstrapServers(), "--registry", url),
                address, fix);
        failsWithOneLine(run("produce", "--topic", "t", "--file", events, "--bootstrap-servers", kafka.bootstrapServers(),
                "--registry", url), address, fix);
    }

    @Test
    void registryDown(EmbeddedKafka kafka) {
        String url = "http://127.0.0.1:" + closedPort;
        String address = "cannot reach the schema registry at " + url + " (connection refused)";
        everyRegistryCommandFails(kafka, url, address, "--registry");
        String[] wait = args("--startup-timeout", "7s");
        warnsThenGivesUp(run(concat(args("ingest", "--port", "0", "--bootstrap-servers", kafka.bootstrapServers(),
                "--registry", url), wait)), address, "--registry");
        warnsThenGivesUp(run(concat(args("bridge", "--mapping", MAPPING.toString(), "--bootstrap-servers",
                kafka.bootstrapServers(), "--registry", url), wait)), address, "--registry");
    }

    @Test
    void unknownRegistryHostIsNotRetried(EmbeddedKafka kafka) {
        var result = run("register", "--schemas", SCHEMAS.toString(), "--registry", "http://registry.invalid:8081");
        failsWithOneLine(result, "cannot reach the schema registry at http://registry.invalid:8081 (unknown host)", "--registry");
    }

    @Test
    void notARegistry(EmbeddedKafka kafka) {
        String url = "http://127.0.0.1:" + webServer.getAddress().getPort();
        webRequests.clear();
        everyRegistryCommandFails(kafka, url, "the server at " + url + " is not a schema registry (GET /config answered"
                + " HTTP 404", "--registry");
        assertThat(webRequests).as("nothing but the probe reached the web server").containsOnly("GET /config");
    }

    @Test
    void registryTlsMismatch(EmbeddedKafka kafka, RegistryServer registry) {
        // https:// to the registry's plain HTTP listener.
        String url = "https://127.0.0.1:" + registry.port();
        everyRegistryCommandFails(kafka, url, "TLS handshake with the schema registry at " + url + " failed", "http://");
    }

    /**
     * Our registry serves its routes on server-common's listener, whose authentication is this one; main's registry
     * does not switch it on yet, so the listener here serves the one route the probe asks for, behind HTTP Basic.
     */
    @Test
    void registryRejectsTheCredentials(EmbeddedKafka kafka) throws Exception {
        Path users = Files.writeString(tmp.resolve("users"), CredentialsFile.line("ci",
                PasswordHash.create("right".toCharArray(), PasswordHash.MIN_ITERATIONS), List.of("admin")) + "\n");
        AccessControl basic = AccessControl.create(new AuthConfig(Map.of(AuthConfig.METHOD, "BASIC",
                AuthConfig.CREDENTIALS_FILE, users.toString())), id -> List.of());
        try (io.avrogate.server.HttpServer secured = io.avrogate.server.HttpServer.builder("registry",
                        ServerSettings.parse(Map.of(), "http://127.0.0.1:0", 1 << 20))
                .accessControl(basic, ctx -> Permission.AUTHENTICATED)
                .routes(cfg -> cfg.routes.get("/config", ctx -> ctx.json(Map.of("compatibilityLevel", "BACKWARD"))))
                .start()) {
            ensureTopic(kafka);
            String url = secured.urls().get(0);
            String address = "the schema registry at " + url + " rejected the credentials (HTTP 401";
            failsWithOneLine(run("register", "--schemas", SCHEMAS.toString(), "--registry", url,
                    "--registry-user", "ci:wrong"), address, "--registry-user");
            failsWithOneLine(run("check", "--schemas", SCHEMAS.toString(), "--registry", url), address,
                    "basic.auth.user.info");
            failsWithOneLine(run("consume", "--topic", "t", "--bootstrap-servers", kafka.bootstrapServers(),
                    "--registry", url, "-D", "basic.auth.credentials.source=USER_INFO",
                    "-D", "basic.auth.user.info=ci:wrong"), address, "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO");
            var right = run("check", "--schemas", SCHEMAS.toString(), "--registry", url, "--registry-user", "ci:right");
            assertThat(right.err()).as("the right credentials pass the probe").doesNotContain("rejected the credentials");
        }
    }

    /** consume asks Kafka about its topic before the registry: the topic must exist for the registry to be asked. */
    private static void ensureTopic(EmbeddedKafka kafka) {
        try (var admin = kafka.admin()) {
            if (!admin.listTopics().names().get().contains("t")) kafka.createTopic("t", 1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
