package io.avrogate.consumer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The partitions the runner owns now, each with its {@link PartitionProgress}, and the number of records in flight
 * over all of them. Changed on the poll thread only (polls and rebalance callbacks); the count is read anywhere.
 */
final class Assignment {
    private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    void add(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            PartitionProgress previous = progress.put(tp, new PartitionProgress(inFlight));
            if (previous != null) previous.abandon();
        }
    }

    /** The partitions are no longer ours: their records in flight are forgotten and will not be committed. */
    void remove(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            PartitionProgress gone = progress.remove(tp);
            if (gone != null) gone.abandon();
        }
    }

    /** The partition's progress, or null when it is not (or no longer) assigned. */
    PartitionProgress progress(String topic, int partition) {
        return progress.get(new TopicPartition(topic, partition));
    }

    /** The progress of those of these partitions that are assigned. */
    List<PartitionProgress> progressOf(Collection<TopicPartition> partitions) {
        List<PartitionProgress> out = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            PartitionProgress partition = progress.get(tp);
            if (partition != null) out.add(partition);
        }
        return out;
    }

    Set<TopicPartition> partitions() {
        return progress.keySet();
    }

    AtomicInteger inFlight() {
        return inFlight;
    }

    /** Of these partitions, the ones that have something new to commit, with the offset that is safe. */
    Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            PartitionProgress partition = progress.get(tp);
            long offset = partition == null ? -1 : partition.committable();
            if (offset >= 0) offsets.put(tp, new OffsetAndMetadata(offset));
        }
        return offsets;
    }

    void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, offset) -> {
            PartitionProgress partition = progress.get(tp);
            if (partition != null) partition.committed(offset.offset());
        });
    }
}
