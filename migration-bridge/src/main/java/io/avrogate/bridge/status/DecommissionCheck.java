package io.avrogate.bridge.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Samples the consumer groups of the old topic (those with committed offsets on it, and those with members
 * assigned to it) and decides whether the bridge may be switched off.
 *
 * <p>Kafka's offsets API says what a group committed, not when. So each sample is compared with the previous one
 * kept in the {@link ObservationStore}: a group is active at a sample when it has members assigned to the old
 * topic or its committed offsets moved. A group first seen now counts as active now: nothing proves it was quiet
 * before, so the quiet period starts at its first observation. A running bridge samples periodically, so by the
 * time someone asks, the history is there.
 */
public final class DecommissionCheck {
    private final Admin admin;
    private final ObservationStore store;
    private final LongSupplier clock;

    public DecommissionCheck(Admin admin, ObservationStore store, LongSupplier clock) {
        this.admin = admin;
        this.store = store;
        this.clock = clock;
    }

    /** Takes one sample, records it, and answers whether it is safe to switch the bridge off. */
    public DecommissionReport run(String oldTopic, String sourceTopic, String bridgeGroup, Duration quietPeriod) {
        try {
            return sample(oldTopic, sourceTopic, bridgeGroup, quietPeriod);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the status query to Kafka failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private DecommissionReport sample(String oldTopic, String sourceTopic, String bridgeGroup, Duration quietPeriod)
            throws ExecutionException, InterruptedException {
        long now = clock.getAsLong();
        List<String> groupIds = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get().stream()
                .map(GroupListing::groupId).toList();
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = committedOffsets(groupIds);

        Map<Integer, Long> oldEnds = endOffsets(oldTopic);
        Map<String, Map<Integer, Long>> onOldTopic = new HashMap<>();
        committed.forEach((group, offsets) -> {
            if (group.equals(bridgeGroup)) return;
            Map<Integer, Long> mine = offsetsOn(oldTopic, offsets);
            if (!mine.isEmpty()) onOldTopic.put(group, mine);
        });
        // A group reading the old topic that has not committed yet is still a reader: find it by its members.
        List<String> others = groupIds.stream().filter(g -> !g.equals(bridgeGroup)).toList();
        Map<String, ConsumerGroupDescription> described = others.isEmpty() ? Map.of()
                : admin.describeConsumerGroups(others).all().get();
        described.forEach((group, d) -> {
            if (membersOn(oldTopic, d.members()) > 0) onOldTopic.putIfAbsent(group, Map.of());
        });

        Map<String, GroupObservation> previous = store.load(oldTopic);
        List<GroupObservation> updated = new ArrayList<>();
        List<DecommissionReport.GroupStatus> statuses = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (var e : onOldTopic.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            String group = e.getKey();
            ConsumerGroupDescription d = described.get(group);
            int members = d == null ? 0 : membersOn(oldTopic, d.members());
            GroupObservation o = GroupObservation.next(previous.get(group), oldTopic, group, e.getValue(), members > 0, now);
            updated.add(o);
            long lag = lag(oldEnds, e.getValue());
            statuses.add(new DecommissionReport.GroupStatus(group, d == null ? "UNKNOWN" : d.groupState().toString(),
                    members, lag, Instant.ofEpochMilli(o.lastActivityMs()), Instant.ofEpochMilli(o.firstSeenMs())));
            if (members > 0) {
                reasons.add("group '" + group + "' has " + members + " active member(s) on " + oldTopic);
            } else if (now - o.lastActivityMs() < quietPeriod.toMillis()) {
                reasons.add("group '" + group + "' was " + (o.firstSeenMs() == o.lastActivityMs() && o.lastActivityMs() == now
                        ? "first observed just now (its earlier activity is unknown)"
                        : "active " + DecommissionReport.human(Duration.ofMillis(now - o.lastActivityMs())) + " ago")
                        + ", within the quiet period of " + DecommissionReport.human(quietPeriod));
            }
        }
        store.save(updated);

        long bridgeLag = -1;
        Map<TopicPartition, OffsetAndMetadata> bridgeOffsets = committed.get(bridgeGroup);
        Map<Integer, Long> bridgeOnSource = bridgeOffsets == null ? Map.of() : offsetsOn(sourceTopic, bridgeOffsets);
        if (bridgeOnSource.isEmpty()) {
            reasons.add("the bridge group '" + bridgeGroup + "' has committed no offsets on " + sourceTopic);
        } else {
            Map<Integer, Long> sourceEnds = endOffsets(sourceTopic);
            // A partition the bridge never committed counts from its start: every record there is unbridged.
            Map<Integer, Long> all = new HashMap<>();
            sourceEnds.keySet().forEach(p -> all.put(p, bridgeOnSource.getOrDefault(p, 0L)));
            bridgeLag = lag(sourceEnds, all);
            if (bridgeLag > 0) reasons.add("the bridge has not caught up: " + bridgeLag + " record(s) of " + sourceTopic + " not yet bridged");
        }
        return new DecommissionReport(oldTopic, sourceTopic, bridgeGroup, quietPeriod, statuses, bridgeLag,
                reasons.isEmpty(), reasons);
    }

    private Map<String, Map<TopicPartition, OffsetAndMetadata>> committedOffsets(Collection<String> groups)
            throws ExecutionException, InterruptedException {
        if (groups.isEmpty()) return Map.of();
        Map<String, ListConsumerGroupOffsetsSpec> specs = groups.stream()
                .collect(Collectors.toMap(g -> g, g -> new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> out = new HashMap<>();
        var result = admin.listConsumerGroupOffsets(specs);
        for (String g : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            result.partitionsToOffsetAndMetadata(g).get().forEach((tp, om) -> {
                if (om != null) offsets.put(tp, om);
            });
            out.put(g, offsets);
        }
        return out;
    }

    private Map<Integer, Long> endOffsets(String topic) throws ExecutionException, InterruptedException {
        TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<Integer, Long> out = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                .forEach((tp, info) -> out.put(tp.partition(), info.offset()));
        return out;
    }

    private static Map<Integer, Long> offsetsOn(String topic, Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<Integer, Long> out = new HashMap<>();
        offsets.forEach((tp, om) -> {
            if (tp.topic().equals(topic)) out.put(tp.partition(), om.offset());
        });
        return out;
    }

    private static int membersOn(String topic, Collection<MemberDescription> members) {
        int n = 0;
        for (MemberDescription m : members) {
            if (m.assignment().topicPartitions().stream().anyMatch(tp -> tp.topic().equals(topic))) n++;
        }
        return n;
    }

    private static long lag(Map<Integer, Long> ends, Map<Integer, Long> committed) {
        long lag = 0;
        for (var e : committed.entrySet()) {
            Long end = ends.get(e.getKey());
            if (end != null) lag += Math.max(0, end - e.getValue());
        }
        return lag;
    }
}
