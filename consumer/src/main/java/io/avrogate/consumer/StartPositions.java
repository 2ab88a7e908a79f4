package io.avrogate.consumer;

import io.avrogate.consumer.ConsumerRunnerConfig.StartPosition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code start.position}: where the group starts in newly assigned partitions it has never committed an offset for.
 * Unlike {@code auto.offset.reset} this applies to the first start only; partitions with a committed offset resume
 * there.
 */
final class StartPositions {
    private static final Logger log = LoggerFactory.getLogger(StartPositions.class);

    private StartPositions() {}

    /** Rebalance callback (poll thread): positions the partitions of {@code assigned} that have no committed offset. */
    static void applyTo(Consumer<?, ?> consumer, Collection<TopicPartition> assigned, StartPosition position,
            String groupId) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(assigned));
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition tp : assigned) if (committed.get(tp) == null) fresh.add(tp);
        if (fresh.isEmpty()) return;
        if (position == StartPosition.EARLIEST) {
            consumer.seekToBeginning(fresh);
        } else {
            consumer.seekToEnd(fresh);
            // Pin the start: a crash before the first commit must not move it to a later end.
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            for (TopicPartition tp : fresh) start.put(tp, new OffsetAndMetadata(consumer.position(tp)));
            consumer.commitSync(start);
        }
        log.info("partitions {} have no committed offset in group {}: starting at the {}", fresh, groupId,
                position.name().toLowerCase());
    }
}
