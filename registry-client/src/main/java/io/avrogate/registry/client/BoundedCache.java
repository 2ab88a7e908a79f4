package io.avrogate.registry.client;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A thread-safe map with a size cap and an optional time to live, for the client's caches. Reads take no lock (the
 * serde reads on every record). When a put goes over the cap, a tenth of the entries is dropped in the map's
 * iteration order: simple, and enough to keep a misbehaving caller (say, one that registers a new schema per record)
 * from exhausting memory, which is all the cap is for.
 */
final class BoundedCache<K, V> {
    private record Entry<V>(V value, long expiresAtNanos) {}

    private final ConcurrentHashMap<K, Entry<V>> map = new ConcurrentHashMap<>();
    private final int capacity;
    private final long ttlNanos;

    /** @param ttlMillis time to live of each entry; 0 or less means the entries never expire */
    BoundedCache(int capacity, long ttlMillis) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
        this.capacity = capacity;
        this.ttlNanos = ttlMillis <= 0 ? 0 : ttlMillis * 1_000_000L;
    }

    /** The cached value, or null when absent or expired. */
    V get(K key) {
        Entry<V> e = map.get(key);
        if (e == null) return null;
        if (ttlNanos > 0 && System.nanoTime() - e.expiresAtNanos() > 0) {
            map.remove(key, e);
            return null;
        }
        return e.value();
    }

    void put(K key, V value) {
        map.put(key, new Entry<>(value, ttlNanos > 0 ? System.nanoTime() + ttlNanos : 0));
        if (map.size() > capacity) evict();
    }

    void remove(K key) {
        map.remove(key);
    }

    void removeIf(Predicate<K> keyTest) {
        map.keySet().removeIf(keyTest);
    }

    int size() {
        return map.size();
    }

    private void evict() {
        int toDrop = Math.max(1, capacity / 10);
        Iterator<K> keys = map.keySet().iterator();
        while (toDrop-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
