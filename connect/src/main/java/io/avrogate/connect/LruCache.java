package io.avrogate.connect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small synchronized least-recently-used map for converted schemas ({@code schemas.cache.config} entries). */
final class LruCache {
    private LruCache() {}

    static <K, V> Map<K, V> create(int capacity) {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        });
    }
}
