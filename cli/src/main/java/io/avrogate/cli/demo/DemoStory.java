package io.avrogate.cli.demo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The counts the demo's steps report (events accepted, rejected, dead-lettered, ...), by name, in order. */
public final class DemoStory {
    private final Map<String, Long> counts = new LinkedHashMap<>();

    public void count(String name, long value) {
        counts.put(name, value);
    }

    /** The count, or -1 when no step recorded it (for example because the step is not part of this build). */
    public long get(String name) {
        return counts.getOrDefault(name, -1L);
    }

    public Map<String, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }
}
