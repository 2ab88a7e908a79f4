package io.avrogate.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.avrogate.server.LogCapture;
import io.avrogate.server.RawHttp;
import io.avrogate.server.SlowClientLoad;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The bridge's endpoints on server-common's listener: bad bodies, slow clients, the new health endpoints. */
class BridgeHttpHardeningTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static int get(BridgeHttp server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static BridgeMetrics running() {
        BridgeMetrics metrics = new BridgeMetrics("m");
        metrics.state("RUNNING", null);
        metrics.polled(0, System.currentTimeMillis());
        return metrics;
    }

    @Test
    void healthEndpointsAndJvmMetrics() throws Exception {
        BridgeMetrics metrics = new BridgeMetrics("m");
        try (BridgeHttp server = BridgeHttp.start("127.0.0.1", 0, "m", metrics)) {
            assertThat(get(server, "/health/live")).isEqualTo(200);
            assertThat(get(server, "/health/ready")).isEqualTo(503);
            metrics.state("RUNNING", null);
            metrics.polled(0, System.currentTimeMillis());
            assertThat(get(server, "/health/ready")).isEqualTo(200);
            String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(text).contains("jvm_memory_used_bytes").contains("avrogate_bridge_up{mapping=\"m\"} 1");
        }
    }

    @Test
    void cutShortAndMalformedBodiesGetA4xxAndNoStackTrace() throws Exception {
        try (BridgeHttp server = BridgeHttp.start("127.0.0.1", 0, "m", running()); LogCapture logs = new LogCapture()) {
            for (int i = 0; i < 50; i++) {
                assertThat(RawHttp.send(server.port(), RawHttp.truncatedBody("/health"), true)).isIn(0, 400, 408);
                assertThat(RawHttp.send(server.port(), RawHttp.badChunkSize("/health"), false)).isEqualTo(400);
            }
            assertThat(get(server, "/health")).isEqualTo(200);
            assertThat(logs.withStackTrace()).isEmpty();
            assertThat(logs.atLeast(Level.WARN)).hasSizeLessThanOrEqualTo(2);
        }
    }

    @Test
    void slowClientsDoNotStarveOthers() throws Exception {
        slowClients(Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    @Test
    @Tag("slow")
    void slowClientsDoNotStarveOthersForAMinute() throws Exception {
        slowClients(Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    private static void slowClients(Duration interval, Duration duration) throws Exception {
        try (BridgeHttp server = BridgeHttp.start("127.0.0.1", 0, "m", running())) {
            SlowClientLoad.Result result = SlowClientLoad.run(server.port(), "/health", 400, interval, duration,
                    () -> get(server, "/health/live"));
            assertThat(result.failures()).isZero();
            assertThat(result.p99Millis()).isLessThan(1000);
        }
    }
}
