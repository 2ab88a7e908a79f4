package io.avrogate.cli.demo;

import io.avrogate.check.SchemaRepository;
import io.avrogate.check.Subject;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Creates the topics the subjects name (the broker, like production ones, does not create topics on first use), so
 * that a typo in a topic name fails loudly instead of quietly creating a second topic.
 */
final class CreateTopicsStep implements DemoStep {
    static final int PARTITIONS = 3;

    /** The topics now on the broker, in name order, each with {@link #PARTITIONS} partitions. */
    record Topics(List<String> names) implements Result {
        @Override
        public String summary() {
            return String.join(", ", names) + " (" + PARTITIONS + " partitions each)";
        }
    }

    @Override
    public String title() {
        return "Create the topics the subjects name";
    }

    Topics run(DemoContext context, StartStackStep.Stack stack) {
        Set<String> topics = new TreeSet<>();
        SchemaRepository.load(context.schemas()).subjects().values().stream()
                .map(Subject::config).map(c -> c.topic()).filter(Objects::nonNull).forEach(topics::add);
        topics.forEach(topic -> stack.kafka().createTopic(topic, PARTITIONS));
        context.story().count("topics", topics.size());
        return new Topics(List.copyOf(topics));
    }
}
