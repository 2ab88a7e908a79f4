package io.avrogate.registry.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.avrogate.registry.StoredVersion;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code GET /schemas/ids/{id}} answer as bytes, rendered once per id: every consumer asks for it on its first
 * record of each writer schema, and the answer for an id never changes. An entry is reused only while the state
 * still returns the very version it was rendered from, so a permanent delete (or any change of which version holds
 * the id) renders afresh. Bounded, so a registry with very many schemas does not keep every answer twice.
 */
final class RenderedSchemas {
    static final int MAX_ENTRIES = 20_000;

    private record Rendered(StoredVersion source, byte[] body) {}

    private final ConcurrentHashMap<Integer, Rendered> byId = new ConcurrentHashMap<>();

    byte[] get(StoredVersion v) {
        Rendered cached = byId.get(v.id());
        if (cached != null && cached.source() == v) return cached.body();
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(Json.schemaString(v));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (cached != null || byId.size() < MAX_ENTRIES) byId.put(v.id(), new Rendered(v, body));
        return body;
    }
}
