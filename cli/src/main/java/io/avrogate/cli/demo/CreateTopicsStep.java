package io.avrogate.cli.demo;

import io.avrogate.check.SchemaRepository;
import io.avrogate.check.Subject;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Creates the topics the subjects name (the broker, like production ones, does not create topics on first use), so
 * that a typo in a topic name fails loudly instead of quietly creating a second topic.
 */
final class CreateTopicsStep implements DemoStep {
    static final int PARTITIONS = 3;

    @Override
    public String title() {
        return "Create the topics the subjects name";
    }

    @Override
    public String run(DemoContext context) {
        Set<String> topics = new TreeSet<>();
        SchemaRepository.load(context.schemas()).subjects().values().stream()
                .map(Subject::config).map(c -> c.topic()).filter(Objects::nonNull).forEach(topics::add);
        topics.forEach(topic -> context.kafka().createTopic(topic, PARTITIONS));
        context.story().count("topics", topics.size());
        return String.join(", ", topics) + " (" + PARTITIONS + " partitions each)";
    }
}
