package io.avrogate.registry.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.avrogate.registry.TestHttp;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.KafkaExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry as a separate process, killed with SIGKILL while several clients register schemas, then restarted on
 * the same topic, twice. Every registration that was acknowledged (200 with an id) must survive with the same id, a
 * version once seen must keep its number, and no schema may appear twice or share an id with another.
 */
@ExtendWith(KafkaExtension.class)
class RegistryCrashTest {
    private static final int CLIENTS = 4;
    private static final int SUBJECTS = 4;
    private static final int KILLS = 2;
    private static final int ACKS_PER_CYCLE = 80;

    /** An acknowledged registration: what was sent and the id the registry answered with. */
    private record Ack(String subject, String schema, int id) {}

    /** One stored version as a restarted registry reports it. */
    private record Stored(String subject, int version, int id, String schema) {}

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile String url;

    @Test
    void acknowledgedRegistrationsSurviveKillsOfTheRegistryProcess(EmbeddedKafka kafka, @TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path config = dir.resolve("registry.properties");
        Files.writeString(config, String.join("\n",
                "listeners=http://127.0.0.1:" + port,
                "kafkastore.bootstrap.servers=" + kafka.bootstrapServers(),
                "kafkastore.topic=_schemas-crash-" + UUID.randomUUID(),
                "schema.compatibility.level=NONE", ""));

        RegistryProcess registry = RegistryProcess.start(config, dir.resolve("registry-0.log"));
        url = registry.url();

        Map<String, Ack> acks = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            running.add(clients.submit(() -> registerUntilStopped(client, acks, failures, stop)));
        }

        Map<String, Stored> seenBefore = Map.of();
        try {
            for (int cycle = 1; cycle <= KILLS; cycle++) {
                awaitAcks(acks, cycle * ACKS_PER_CYCLE, running);
                registry.kill();
                log("killed the registry after " + acks.size() + " acknowledged registrations");
                // Every answer counted here was sent before the process died.
                List<Ack> acknowledgedBeforeKill = List.copyOf(acks.values());
                registry = RegistryProcess.start(config, dir.resolve("registry-" + cycle + ".log"));
                url = registry.url();
                log("restarted at " + url);
                Map<String, Stored> seen = snapshot();
                assertSurvived(acknowledgedBeforeKill, seen, seenBefore);
                seenBefore = seen;
            }
            awaitAcks(acks, (KILLS + 1) * ACKS_PER_CYCLE, running);
        } finally {
            stop.set(true);
            clients.shutdown();
        }
        for (Future<?> f : running) f.get();
        Map<String, Stored> end = snapshot();
        assertSurvived(List.copyOf(acks.values()), end, seenBefore);
        registry.stop();
        assertThat(Files.readString(registry.log())).as("graceful stop on SIGTERM").contains("stopped");
        // The kills really landed mid-stream: clients saw requests fail, and registered again afterwards.
        assertThat(failures.get()).isPositive();
        assertThat(acks).hasSizeGreaterThanOrEqualTo((KILLS + 1) * ACKS_PER_CYCLE);
    }

    private void registerUntilStopped(int client, Map<String, Ack> acks, AtomicInteger failures, AtomicBoolean stop) {
        int n = 0;
        while (!stop.get()) {
            String subject = "crash-" + (n % SUBJECTS) + "-value";
            String schema = TestHttp.recordSchema("C" + client + "_" + n);
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/subjects/" + subject + "/versions"))
                        .timeout(Duration.ofSeconds(20)).header("Content-Type", TestHttp.V1)
                        .POST(HttpRequest.BodyPublishers.ofString(TestHttp.JSON.createObjectNode().put("schema", schema).toString()))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    acks.put(schema, new Ack(subject, schema, TestHttp.JSON.readTree(r.body()).get("id").asInt()));
                    n++;
                } else {
                    failures.incrementAndGet();
                }
            } catch (IOException e) {
                // The registry is down (killed or restarting): not acknowledged, so try the same schema again.
                failures.incrementAndGet();
                pause(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void awaitAcks(Map<String, Ack> acks, int count, List<Future<?>> clients) throws Exception {
        while (acks.size() < count) {
            for (Future<?> f : clients) if (f.isDone()) f.get(); // surfaces a client that died
            Thread.sleep(20);
        }
    }

    /** Every version of every subject, read back over HTTP, keyed by schema text. Fails on any duplicate. */
    private Map<String, Stored> snapshot() throws Exception {
        TestHttp client = new TestHttp(url);
        Map<String, Stored> bySchema = new HashMap<>();
        Map<Integer, String> schemaById = new HashMap<>();
        for (JsonNode subject : client.get("/subjects").json()) {
            for (JsonNode version : client.get("/subjects/" + subject.asText() + "/versions").json()) {
                JsonNode v = client.get("/subjects/" + subject.asText() + "/versions/" + version.asInt()).json();
                Stored s = new Stored(subject.asText(), v.get("version").asInt(), v.get("id").asInt(), v.get("schema").asText());
                assertThat(bySchema.put(s.schema(), s)).as("schema stored twice: %s", s).isNull();
                String other = schemaById.put(s.id(), s.schema());
                assertThat(other).as("id %d used for two schemas", s.id()).isNull();
            }
        }
        return bySchema;
    }

    private static void assertSurvived(List<Ack> acks, Map<String, Stored> now, Map<String, Stored> before) {
        for (Ack ack : acks) {
            Stored stored = now.get(ack.schema());
            assertThat(stored).as("acknowledged registration lost: %s", ack).isNotNull();
            assertThat(stored.subject()).isEqualTo(ack.subject());
            assertThat(stored.id()).as("id of %s", ack.schema()).isEqualTo(ack.id());
        }
        before.forEach((schema, was) -> assertThat(now.get(schema)).as("version kept across restart").isEqualTo(was));
    }

    private static void log(String message) {
        System.out.println(java.time.LocalTime.now() + " " + message);
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
