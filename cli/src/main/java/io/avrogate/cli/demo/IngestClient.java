package io.avrogate.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends events to the ingest service over HTTP exactly as a tracking integration would (a JSON array per request),
 * and reads its per-event answers.
 */
final class IngestClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;

    IngestClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The answer to one request: how many events went in, and why the others did not. */
    record Answer(int accepted, int rejected, List<String> reasons) {}

    Answer post(String topic, List<ObjectNode> events) throws IOException {
        ArrayNode body = JSON.createArrayNode();
        events.forEach(body::add);
        // HttpURLConnection, not java.net.http: it can say "Connection: close", so no idle keep-alive connection is
        // left for the service's graceful stop to wait out when the demo ends.
        HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl + "/topics/" + topic).toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setRequestProperty("Connection", "close");
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(30_000);
        connection.setDoOutput(true);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(JSON.writeValueAsBytes(body));
        }
        int status = connection.getResponseCode();
        String text;
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            connection.disconnect();
        }
        JsonNode answer = JSON.readTree(text.isEmpty() ? "{}" : text);
        if (!answer.has("accepted")) {
            throw new IOException("the ingest service refused the request: HTTP " + status + " " + text);
        }
        List<String> reasons = new ArrayList<>();
        for (JsonNode result : answer.path("results")) {
            if (result.path("status").asText().equals("ok")) continue;
            List<String> errors = new ArrayList<>();
            result.path("errors").forEach(e -> errors.add(e.path("message").asText()));
            if (result.has("failure")) errors.add(result.path("failure").asText());
            reasons.add(String.join("; ", errors));
        }
        return new Answer(answer.path("accepted").asInt(), answer.path("rejected").asInt(), reasons);
    }
}
