package io.avrogate.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import io.avrogate.serde.deadletter.DeadLetterStage;
import org.junit.jupiter.api.Test;

/**
 * /health says DOWN (503) unless the loop runs and polls; /metrics is Prometheus text with the mapping label, the
 * dead letters by stage, and the JVM's metrics.
 */
class BridgeHttpTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(BridgeHttp server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthFollowsTheLoopAndMetricsCountCommits() throws Exception {
        try (BridgeMetrics metrics = new BridgeMetrics("m\"1");
             BridgeHttp server = BridgeHttp.start("127.0.0.1", 0, "m\"1", metrics)) {
            assertThat(get(server, "/health").statusCode()).isEqualTo(503);

            metrics.state("RUNNING", null);
            metrics.polled(7, System.currentTimeMillis());
            long committedAt = 1_700_000_000_000L;
            metrics.committed(10, Map.of(DeadLetterStage.TRANSLATION, 2L), 1, System.nanoTime(), committedAt);
            HttpResponse<String> up = get(server, "/health");
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(up.body()).contains("\"status\":\"UP\"").contains("\"translated\":10").contains("\"lag\":7")
                    .contains("\"deadLettered\":2");

            HttpResponse<String> prometheus = get(server, "/metrics");
            assertThat(prometheus.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
            assertThat(prometheus.body())
                    .contains("# TYPE avrogate_bridge_translated_total counter")
                    .contains("avrogate_bridge_translated_total{mapping=\"m\\\"1\"} 10.0")
                    .contains("avrogate_bridge_dead_lettered_total{mapping=\"m\\\"1\",stage=\"TRANSLATION\"} 2.0")
                    .contains("avrogate_bridge_dead_lettered_total{mapping=\"m\\\"1\",stage=\"VALUE_DESERIALIZATION\"} 0.0")
                    .contains("avrogate_bridge_skipped_bridged_total{mapping=\"m\\\"1\"} 1.0")
                    .contains("avrogate_bridge_transactions_total{mapping=\"m\\\"1\"} 1.0")
                    .contains("avrogate_bridge_aborted_transactions_total{mapping=\"m\\\"1\"} 0.0")
                    .contains("avrogate_bridge_lag_records{mapping=\"m\\\"1\"} 7.0")
                    .contains("avrogate_bridge_last_transaction_timestamp_seconds{mapping=\"m\\\"1\"} 1.7E9")
                    .contains("avrogate_bridge_up{mapping=\"m\\\"1\"} 1.0")
                    .contains("jvm_memory_used_bytes");

            metrics.state("FAILED", "fenced");
            HttpResponse<String> down = get(server, "/health");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"failure\":\"fenced\"");
        }
    }
}
