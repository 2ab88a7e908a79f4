package io.avrogate.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The live status of the running bridges, from each one's public {@code GET /health} (state, mapping, translated,
 * dead-lettered, lag). A bridge that does not answer is shown as unreachable, not left out.
 */
final class BridgeStatuses {
    /** @param health the bridge's answer, or null when {@code problem} says why there is none */
    record Status(String url, JsonNode health, String problem) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final List<String> urls;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    BridgeStatuses(List<String> urls) {
        this.urls = List.copyOf(urls);
    }

    List<Status> read() {
        List<Status> out = new ArrayList<>();
        for (String url : urls) out.add(read(url));
        return out;
    }

    private Status read(String url) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            // 503 still carries the body: the bridge is down, and says why.
            return new Status(base, JSON.readTree(answer.body()), null);
        } catch (IOException | IllegalArgumentException e) {
            return new Status(base, null, "unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Status(base, null, "interrupted");
        }
    }
}
