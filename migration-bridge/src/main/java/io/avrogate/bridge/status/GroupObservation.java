package io.avrogate.bridge.status;

import java.util.Map;
import java.util.TreeMap;

/**
 * What was last seen of one consumer group on the old topic. Kafka keeps committed offsets but not when they were
 * committed, so activity is inferred between samples: a group was active when it had members assigned to the old
 * topic, or when its committed offsets moved since the previous sample.
 *
 * @param topic          the old topic
 * @param group          the consumer group
 * @param offsets        committed offset per partition at the last sample
 * @param firstSeenMs    when this group was first observed on the topic (nothing is known of it before)
 * @param lastActivityMs the last sample at which the group was seen active (or first seen)
 * @param lastSampleMs   when the group was last sampled
 */
public record GroupObservation(String topic, String group, Map<Integer, Long> offsets,
                               long firstSeenMs, long lastActivityMs, long lastSampleMs) {
    public GroupObservation {
        offsets = new TreeMap<>(offsets);
    }

    /** The key under which the observation is kept in the compacted state topic. */
    public String key() {
        return topic + "/" + group;
    }

    /**
     * The observation after a new sample: active now when it has members on the topic or its offsets moved; a
     * group never seen before counts as active now, because nothing says it was quiet before.
     */
    static GroupObservation next(GroupObservation previous, String topic, String group, Map<Integer, Long> offsets,
                                 boolean hasMembersOnTopic, long nowMs) {
        if (previous == null) return new GroupObservation(topic, group, offsets, nowMs, nowMs, nowMs);
        boolean moved = !previous.offsets().equals(new TreeMap<>(offsets));
        long activity = hasMembersOnTopic || moved ? nowMs : previous.lastActivityMs();
        return new GroupObservation(topic, group, offsets, previous.firstSeenMs(), activity, nowMs);
    }
}
