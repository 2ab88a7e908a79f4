package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.server.auth.AuthConfig;
import io.avrogate.server.auth.PasswordHash;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The consumer's listener is locked like every other: /metrics needs credentials, the probes do not. */
class ConsumerEndpointsAuthTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void metricsNeedCredentialsAndTheProbesDoNot() throws Exception {
        Path credentials = dir.resolve("credentials");
        Files.writeString(credentials, "ops: " + PasswordHash.create("pw".toCharArray(), PasswordHash.MIN_ITERATIONS).encoded() + "\n");
        // Nothing listens on port 1: readiness is DOWN, which is not what this test is about.
        Map<String, Object> client = Map.of("bootstrap.servers", "127.0.0.1:1", "schema.registry.url", "http://127.0.0.1:1");
        try (ConsumerEndpoints endpoints = new ConsumerEndpoints(new java.util.HashMap<>(client))) {
            endpoints.start("127.0.0.1", 0, () -> true, Map.of(AuthConfig.METHOD, "BASIC",
                    AuthConfig.CREDENTIALS_FILE, credentials.toString()));
            String url = endpoints.url();
            HttpResponse<String> anonymous = get(url + "/metrics", null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
            assertThat(get(url + "/metrics", "ops:wrong").statusCode()).isEqualTo(401);
            HttpResponse<String> ops = get(url + "/metrics", "ops:pw");
            assertThat(ops.statusCode()).isEqualTo(200);
            assertThat(ops.body()).contains("jvm_memory_used_bytes");
            assertThat(get(url + "/health/live", null).statusCode()).isEqualTo(200);
            assertThat(get(url + "/health/ready", null).statusCode()).isIn(200, 503);
        }
    }

    private static HttpResponse<String> get(String url, String userInfo) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (userInfo != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
