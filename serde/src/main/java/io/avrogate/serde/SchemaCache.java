package io.avrogate.serde;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A thread-safe map keyed by schema content, with a fast path for the few schema instances a topic actually sees.
 *
 * <p>Content keys matter: an application that builds an equal schema per record must still hit the cache (old
 * Confluent clients keyed by identity and failed with "Too many schema objects", issue #536). But {@link
 * Schema#equals} on two distinct instances walks both schemas, which for a 20-field record costs more than encoding
 * it. So the last {@link #MAX_INSTANCES} instances looked up are also remembered by identity, in a copy-on-write
 * array that is scanned without locking.
 */
final class SchemaCache<V> {
    static final int MAX_INSTANCES = 16;

    private final ConcurrentHashMap<Schema, V> byContent = new ConcurrentHashMap<>();
    /** Alternating schema instance, value. */
    private volatile Object[] instances = new Object[0];

    @SuppressWarnings("unchecked")
    V get(Schema schema) {
        Object[] pairs = instances;
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i] == schema) return (V) pairs[i + 1];
        }
        V value = byContent.get(schema);
        if (value != null) remember(schema, value, false);
        return value;
    }

    /** Adds or replaces the value of {@code schema}'s content, for every remembered instance of it too. */
    void put(Schema schema, V value) {
        byContent.put(schema, value);
        remember(schema, value, true);
    }

    void clear() {
        byContent.clear();
        instances = new Object[0];
    }

    private synchronized void remember(Schema schema, V value, boolean replaceEqual) {
        Object[] pairs = instances;
        Object[] updated = Arrays.copyOf(pairs, pairs.length);
        boolean present = false;
        for (int i = 0; i < updated.length; i += 2) {
            if (updated[i] == schema) present = true;
            if (updated[i] == schema || (replaceEqual && updated[i].equals(schema))) updated[i + 1] = value;
        }
        if (!present) {
            if (updated.length >= 2 * MAX_INSTANCES) {
                // Evict the oldest instance; it stays reachable through the content map.
                updated = Arrays.copyOfRange(updated, 2, updated.length);
            }
            updated = Arrays.copyOf(updated, updated.length + 2);
            updated[updated.length - 2] = schema;
            updated[updated.length - 1] = value;
        }
        instances = updated;
    }
}
