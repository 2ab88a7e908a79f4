package io.avrogate.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny HTTP client for registry tests: JSON in, status and JSON out. */
public final class TestHttp {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String V1 = "application/vnd.schemaregistry.v1+json";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A response: status, Content-Type (or null), raw body, and the body parsed as JSON (null if it is not JSON). */
    public record Answer(int status, String contentType, String body, JsonNode json) {
        public int errorCode() {
            return json == null ? -1 : json.path("error_code").asInt(-1);
        }
    }

    private final String baseUrl;

    public TestHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Answer get(String path) {
        return send("GET", path, null, null);
    }

    public Answer post(String path, String body) {
        return send("POST", path, body, V1);
    }

    /** Registers an Avro schema; returns the answer (200 with {"id":N} on success). */
    public Answer register(String subject, String schema) {
        return post("/subjects/" + subject + "/versions", JSON.createObjectNode().put("schema", schema).toString());
    }

    public Answer send(String method, String path, String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        if (contentType != null) b.header("Content-Type", contentType);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(b.build());
    }

    public static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = r.body().isEmpty() ? null : JSON.readTree(r.body());
            } catch (IOException e) {
                json = null;
            }
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body(), json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A record schema with a unique name, so every call is a distinct schema. */
    public static String recordSchema(String name) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"test\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
    }
}
