package io.avrogate.registry.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.avrogate.registry.RegistryServer;
import io.avrogate.server.LogCapture;
import io.avrogate.server.RawHttp;
import io.avrogate.server.SlowClientLoad;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.KafkaExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registry on server-common's listener: bad bodies and slow clients, over real HTTP against a real broker. */
@ExtendWith(KafkaExtension.class)
class ListenerHardeningTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String REGISTER = "/subjects/hardening-value/versions";
    private static RegistryServer server;

    @BeforeAll
    static void start(EmbeddedKafka kafka) {
        server = RegistryServer.start(Map.of("listeners", "http://127.0.0.1:0",
                "kafkastore.bootstrap.servers", kafka.bootstrapServers(),
                "kafkastore.topic", "_schemas-hardening-" + UUID.randomUUID(), "kafkastore.timeout.ms", 5000));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static int listSubjects() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/subjects")).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void cutShortAndMalformedBodiesGetA4xxAndNoStackTrace() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            for (int i = 0; i < 50; i++) {
                assertThat(RawHttp.send(server.port(), RawHttp.truncatedBody(REGISTER), true)).isIn(0, 400, 408);
                assertThat(RawHttp.send(server.port(), RawHttp.badChunkSize(REGISTER), false)).isEqualTo(400);
            }
            assertThat(listSubjects()).isEqualTo(200);
            assertThat(logs.withStackTrace()).isEmpty();
            assertThat(logs.atLeast(Level.WARN)).hasSizeLessThanOrEqualTo(2);
        }
    }

    @Test
    void newHealthEndpointsAnswer() throws Exception {
        for (String path : new String[] {"/health/live", "/health/ready", "/health"}) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(answer.body()).as(path).contains("\"status\":\"UP\"");
        }
    }

    @Test
    void slowClientsDoNotStarveOthers() throws Exception {
        SlowClientLoad.Result result = SlowClientLoad.run(server.port(), REGISTER, 400, Duration.ofSeconds(2),
                Duration.ofSeconds(10), ListenerHardeningTest::listSubjects);
        assertThat(result.failures()).isZero();
        assertThat(result.p99Millis()).isLessThan(1000);
    }

    @Test
    @Tag("slow")
    void slowClientsDoNotStarveOthersForAMinute() throws Exception {
        SlowClientLoad.Result result = SlowClientLoad.run(server.port(), REGISTER, 400, Duration.ofSeconds(5),
                Duration.ofSeconds(60), ListenerHardeningTest::listSubjects);
        assertThat(result.failures()).isZero();
        assertThat(result.p99Millis()).isLessThan(1000);
    }
}
