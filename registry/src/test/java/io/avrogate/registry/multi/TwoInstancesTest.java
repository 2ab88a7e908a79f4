package io.avrogate.registry.multi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.avrogate.registry.RegistryServer;
import io.avrogate.registry.TestHttp;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.KafkaExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two registry instances on one {@code _schemas} topic, both taking registrations at once, with the same schemas sent
 * to both. Each instance writes only after fencing the other (they share one transactional.id), so they take turns;
 * the test proves that this never gives one id to two schemas or two ids to one schema, in any acknowledged answer or
 * in the state a third instance replays, and that a request that cannot be written answers a 5xx error from the
 * spec (50001/50002) instead of hanging.
 */
@ExtendWith(KafkaExtension.class)
class TwoInstancesTest {
    private static final int SCHEMAS = 150;
    private static final int CLIENTS_PER_INSTANCE = 2;
    private static final Set<Integer> STORE_ERRORS = Set.of(50001, 50002);

    @Test
    void concurrentRegistrationsOnTwoInstancesNeverShareOrSplitAnId(EmbeddedKafka kafka) throws Exception {
        Map<String, Object> config = Map.of("listeners", "http://127.0.0.1:0",
                "kafkastore.bootstrap.servers", kafka.bootstrapServers(),
                "kafkastore.topic", "_schemas-two-" + UUID.randomUUID(),
                "schema.compatibility.level", "NONE");
        List<String> schemas = new ArrayList<>();
        for (int i = 0; i < SCHEMAS; i++) schemas.add(TestHttp.recordSchema("Dual" + i));

        Map<String, Integer> idBySchema = new ConcurrentHashMap<>();
        Map<Integer, String> schemaById = new ConcurrentHashMap<>();
        List<String> conflicts = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicInteger> errorCodes = new ConcurrentHashMap<>();
        AtomicInteger acknowledged = new AtomicInteger();

        try (RegistryServer first = RegistryServer.start(config); RegistryServer second = RegistryServer.start(config)) {
            ExecutorService pool = Executors.newFixedThreadPool(2 * CLIENTS_PER_INSTANCE);
            List<Future<?>> clients = new ArrayList<>();
            int seed = 0;
            for (RegistryServer server : List.of(first, second)) {
                for (int c = 0; c < CLIENTS_PER_INSTANCE; c++) {
                    TestHttp http = new TestHttp(server.url());
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < SCHEMAS; i++) order.add(i);
                    Collections.shuffle(order, new Random(seed++));
                    clients.add(pool.submit(() -> {
                        for (int i : order) {
                            TestHttp.Answer a = http.register("dual-" + (i % 3) + "-value", schemas.get(i));
                            if (a.status() == 200) {
                                acknowledged.incrementAndGet();
                                int id = a.json().get("id").asInt();
                                Integer had = idBySchema.putIfAbsent(schemas.get(i), id);
                                if (had != null && had != id) conflicts.add("schema " + i + " got ids " + had + " and " + id);
                                String other = schemaById.putIfAbsent(id, schemas.get(i));
                                if (other != null && !other.equals(schemas.get(i))) conflicts.add("id " + id + " given to two schemas");
                            } else {
                                errorCodes.computeIfAbsent(a.errorCode(), k -> new AtomicInteger()).incrementAndGet();
                                if (a.status() != 500 || !STORE_ERRORS.contains(a.errorCode())) {
                                    conflicts.add("unexpected answer " + a.status() + " " + a.body());
                                }
                            }
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : clients) f.get();
            pool.shutdown();
            System.out.println("acknowledged " + acknowledged + " of " + (SCHEMAS * 2 * CLIENTS_PER_INSTANCE)
                    + " registrations; errors by code " + errorCodes);
            assertThat(conflicts).isEmpty();
            // Most registrations succeed even while the instances keep taking writes from each other.
            assertThat(acknowledged.get()).isGreaterThan(SCHEMAS);
            assertThat(idBySchema).hasSize(SCHEMAS);
        }

        // A third instance replays the topic: the same ids, one per schema.
        try (RegistryServer replay = RegistryServer.start(config)) {
            TestHttp http = new TestHttp(replay.url());
            Map<Integer, String> replayed = new HashMap<>();
            for (JsonNode subject : http.get("/subjects").json()) {
                for (JsonNode version : http.get("/subjects/" + subject.asText() + "/versions").json()) {
                    JsonNode v = http.get("/subjects/" + subject.asText() + "/versions/" + version.asInt()).json();
                    String had = replayed.put(v.get("id").asInt(), v.get("schema").asText());
                    assertThat(had == null || had.equals(v.get("schema").asText())).as("id %s given to two schemas", v.get("id")).isTrue();
                    assertThat(idBySchema.get(v.get("schema").asText())).isEqualTo(v.get("id").asInt());
                }
            }
            assertThat(replayed).hasSize(SCHEMAS);
            assertThat(replayed).isEqualTo(invert(idBySchema));
        }
    }

    /**
     * What the instance that lost the writer role does: with one attempt allowed it answers 500/50001 at once (no
     * forwarding, no hang); on its next write it takes the role back (fencing the other), which then fails in turn.
     * With the default attempts it would simply take the role back and succeed, as the test above shows.
     */
    @Test
    void theFencedInstanceAnswers50001AndTakesTheWriterRoleBackOnItsNextWrite(EmbeddedKafka kafka) {
        Map<String, Object> config = Map.of("listeners", "http://127.0.0.1:0",
                "kafkastore.bootstrap.servers", kafka.bootstrapServers(),
                "kafkastore.topic", "_schemas-fenced-" + UUID.randomUUID(),
                "avrogate.write.max.attempts", 1);
        try (RegistryServer first = RegistryServer.start(config); RegistryServer second = RegistryServer.start(config)) {
            TestHttp a = new TestHttp(first.url());
            TestHttp b = new TestHttp(second.url());
            // The second instance initialised its producer last, so the first one is fenced.
            TestHttp.Answer fenced = a.register("fenced-a-value", TestHttp.recordSchema("FencedA"));
            assertThat(fenced.status()).isEqualTo(500);
            assertThat(fenced.errorCode()).isEqualTo(50001);
            assertThat(fenced.json().get("message").asText()).contains("another registry instance");
            assertThat(b.register("fenced-b-value", TestHttp.recordSchema("FencedB")).status()).isEqualTo(200);
            // The failed request took the role back for the next one; now the second instance is fenced.
            TestHttp.Answer retried = a.register("fenced-a-value", TestHttp.recordSchema("FencedA"));
            assertThat(retried.status()).isEqualTo(200);
            assertThat(b.register("fenced-b2-value", TestHttp.recordSchema("FencedB2")).errorCode()).isEqualTo(50001);
            // Both see every committed write.
            assertThat(b.get("/schemas/ids/" + retried.json().get("id").asInt()).status()).isEqualTo(200);
            assertThat(a.get("/subjects/fenced-b-value/versions").json().toString()).isEqualTo("[1]");
            assertThat(a.get("/subjects/fenced-b2-value/versions").status()).isEqualTo(404);
        }
    }

    private static Map<Integer, String> invert(Map<String, Integer> map) {
        Map<Integer, String> out = new HashMap<>();
        map.forEach((k, v) -> out.put(v, k));
        return out;
    }
}
