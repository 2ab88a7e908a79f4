package io.avrogate.registry.hostile;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One hostile request and what a Confluent-compatible server must answer: never a 5xx, always a JSON error body
 * {@code {"error_code": int, "message": string}} for an error, and, where Confluent documents one, that exact code.
 *
 * @param expectedCode the documented error_code (its HTTP status is implied), or null when only "a clear 4xx" is required
 */
record Probe(String label, String method, String target, Map<String, String> headers, byte[] body, Integer expectedCode) {
    static final String V1 = "application/vnd.schemaregistry.v1+json";

    static Probe json(String label, String method, String target, String body, Integer expectedCode) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", V1);
        return new Probe(label, method, target, h, body.getBytes(StandardCharsets.UTF_8), expectedCode);
    }

    static Probe bare(String label, String method, String target, Integer expectedCode) {
        return new Probe(label, method, target, new LinkedHashMap<>(), null, expectedCode);
    }

    Probe withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Probe(label, method, target, h, body, expectedCode);
    }

    /** The HTTP status an error code implies: the first three digits of a five-digit code, else the code itself. */
    Integer expectedStatus() {
        if (expectedCode == null) return null;
        return expectedCode >= 10_000 ? expectedCode / 100 : expectedCode;
    }
}
