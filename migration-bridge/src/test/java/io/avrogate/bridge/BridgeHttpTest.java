package io.avrogate.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** /health says DOWN (503) unless the loop runs and polls; /metrics is Prometheus text with the mapping label. */
class BridgeHttpTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(BridgeHttp server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthFollowsTheLoopAndMetricsCountCommits() throws Exception {
        BridgeMetrics metrics = new BridgeMetrics();
        try (BridgeHttp server = BridgeHttp.start("127.0.0.1", 0, "m\"1", metrics)) {
            assertThat(get(server, "/health").statusCode()).isEqualTo(503);

            metrics.state("RUNNING", null);
            metrics.polled(7, System.currentTimeMillis());
            metrics.committed(10, 2, 1);
            HttpResponse<String> up = get(server, "/health");
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(up.body()).contains("\"status\":\"UP\"").contains("\"translated\":10").contains("\"lag\":7");

            HttpResponse<String> prometheus = get(server, "/metrics");
            assertThat(prometheus.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
            assertThat(prometheus.body())
                    .contains("# TYPE avrogate_bridge_translated_total counter")
                    .contains("avrogate_bridge_translated_total{mapping=\"m\\\"1\"} 10")
                    .contains("avrogate_bridge_dead_lettered_total{mapping=\"m\\\"1\"} 2")
                    .contains("avrogate_bridge_lag_records{mapping=\"m\\\"1\"} 7")
                    .contains("avrogate_bridge_up{mapping=\"m\\\"1\"} 1");

            metrics.state("FAILED", "fenced");
            HttpResponse<String> down = get(server, "/health");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"failure\":\"fenced\"");
        }
    }
}
