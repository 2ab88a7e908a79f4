package io.avrogate.cli.demo;

import io.avrogate.check.SchemaRepository;
import io.avrogate.check.TopicDeclarations;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Creates the topics the subjects name (the broker, like production ones, does not create topics on first use), so
 * that a typo in a topic name fails loudly instead of quietly creating a second topic. A subject.yaml's topic-config
 * partitions and configs apply; the replication factor is the demo broker's.
 */
final class CreateTopicsStep implements DemoStep {
    static final int PARTITIONS = 3;

    /** The topics now on the broker, in name order, and their partition counts. */
    record Topics(List<String> names, Set<Integer> partitionCounts) implements Result {
        @Override
        public String summary() {
            return String.join(", ", names) + (partitionCounts.size() == 1
                    ? " (" + partitionCounts.iterator().next() + " partitions each)" : " (partitions as declared)");
        }
    }

    @Override
    public String title() {
        return "Create the topics the subjects name";
    }

    Topics run(DemoContext context, StartStackStep.Stack stack) {
        Map<String, TopicDeclarations.Topic> topics = TopicDeclarations.of(SchemaRepository.load(context.schemas()));
        Set<Integer> counts = new TreeSet<>();
        for (TopicDeclarations.Topic topic : topics.values()) {
            int partitions = topic.settings().partitions().orElse(PARTITIONS);
            stack.kafka().createTopic(topic.topic(), partitions, topic.settings().configs());
            counts.add(partitions);
        }
        context.story().count("topics", topics.size());
        return new Topics(List.copyOf(topics.keySet()), Set.copyOf(counts));
    }
}
