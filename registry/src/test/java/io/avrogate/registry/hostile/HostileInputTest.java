package io.avrogate.registry.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avrogate.registry.RegistryServer;
import io.avrogate.registry.TestHttp;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.KafkaExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * More than a thousand malformed and hostile requests against the real server on a real broker (see
 * {@link HostileCatalogue}; random ones come from a fixed seed, so a failure reproduces). Every answer must be below
 * 500, an error must be a JSON body {@code {"error_code": int, "message": string}} carrying Confluent's code where one
 * is documented, and afterwards the server must be healthy and register a normal schema.
 */
@ExtendWith(KafkaExtension.class)
class HostileInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 20261124L;
    private static final long MAX_REQUEST_BYTES = 4L * 1024 * 1024;
    private static final int MAX_SCHEMA_BYTES = 1024 * 1024;

    @Test
    void everyHostileRequestGetsAClearErrorAndTheServerStaysHealthy(EmbeddedKafka kafka) throws Exception {
        try (RegistryServer server = RegistryServer.start(Map.of(
                "listeners", "http://127.0.0.1:0",
                "kafkastore.bootstrap.servers", kafka.bootstrapServers(),
                "kafkastore.topic", "_schemas-hostile-" + UUID.randomUUID(),
                "avrogate.request.max.bytes", MAX_REQUEST_BYTES,
                "avrogate.schema.max.bytes", MAX_SCHEMA_BYTES))) {
            TestHttp http = new TestHttp(server.url());
            assertThat(http.register(HostileCatalogue.BASE, HostileCatalogue.BASE_SCHEMA).status()).isEqualTo(200);

            List<Probe> probes = new HostileCatalogue(MAX_REQUEST_BYTES, MAX_SCHEMA_BYTES, SEED).build();
            assertThat(probes).hasSizeGreaterThanOrEqualTo(1000);
            List<String> failures = new ArrayList<>();
            for (Probe probe : probes) {
                String problem = judge(probe, server.port());
                if (problem != null) failures.add(probe.label().lines().findFirst().orElse("") + " [" + probe.method() + " "
                        + RawHttp.abbreviate(probe.target()) + "]: " + problem);
            }
            failures.forEach(f -> System.out.println("HOSTILE FAILURE " + f));
            assertThat(failures).as("%d of %d probes failed", failures.size(), probes.size()).isEmpty();

            // Still healthy, still serving normal traffic.
            assertThat(http.get("/health").status()).isEqualTo(200);
            TestHttp.Answer registered = http.register("after-the-storm-value", TestHttp.recordSchema("AfterTheStorm"));
            assertThat(registered.status()).isEqualTo(200);
            int id = registered.json().get("id").asInt();
            assertThat(http.get("/schemas/ids/" + id).json().get("schema").asText()).contains("AfterTheStorm");
        }
    }

    /** Null when the answer is acceptable; otherwise what is wrong with it. */
    private static String judge(Probe probe, int port) {
        RawHttp.Response r;
        try {
            r = RawHttp.exchange(port, probe.method(), probe.target(), probe.headers(), probe.body());
        } catch (Exception e) {
            return "no HTTP answer: " + e;
        }
        String body = RawHttp.abbreviate(r.body());
        if (r.status() >= 500) return "server error " + r.status() + " " + body;
        if (r.status() < 400) return probe.expectedCode() == null ? null : "expected " + probe.expectedCode() + ", got " + r.status() + " " + body;
        JsonNode json;
        try {
            json = JSON.readTree(r.body());
        } catch (Exception e) {
            return "error body is not JSON: " + r.status() + " " + r.headers().get("content-type") + " " + body;
        }
        if (json == null || !json.isObject() || !json.path("error_code").isInt() || !json.path("message").isTextual()) {
            return "error body is not {error_code, message}: " + body;
        }
        if (json.get("error_code").asInt() != r.status() && json.get("error_code").asInt() / 100 != r.status()) {
            return "error_code " + json.get("error_code").asInt() + " does not match status " + r.status();
        }
        if (probe.expectedCode() != null && (json.get("error_code").asInt() != probe.expectedCode() || r.status() != probe.expectedStatus())) {
            return "expected " + probe.expectedCode() + ", got " + r.status() + " " + body;
        }
        return null;
    }
}
