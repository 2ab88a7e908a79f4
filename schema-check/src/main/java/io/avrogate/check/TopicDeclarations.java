package io.avrogate.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The Kafka topics a schemas/ tree names, each with what its subjects declare about it. Every topic a subject names is
 * declared; its {@code topic-config:} block (in the key or the value subject, not both unless they agree) adds
 * partitions, replication and configs.
 */
public final class TopicDeclarations {
    private TopicDeclarations() {}

    /**
     * One topic.
     *
     * @param topic    its name
     * @param settings what the subjects declare; empty settings when none has a topic-config block
     * @param keyed    whether a key subject exists for it (adding partitions then moves keys to other partitions)
     * @param declaredIn the subject.yaml files with a topic-config block for it
     */
    public record Topic(String topic, TopicSettings settings, boolean keyed, List<String> declaredIn) {}

    private static final TopicSettings NOTHING =
            new TopicSettings(OptionalInt.empty(), OptionalInt.empty(), Map.of());

    /** The topics by name; where two subjects declare different settings for one topic the first (by subject) wins. */
    public static Map<String, Topic> of(SchemaRepository repo) {
        Map<String, Topic> out = new TreeMap<>();
        for (Subject subject : repo.subjects().values()) {
            String name = subject.config().topic();
            if (name == null || subject.config().role().equals("shared")) continue;
            Topic known = out.getOrDefault(name, new Topic(name, NOTHING, false, List.of()));
            boolean keyed = known.keyed() || subject.config().role().equals("key");
            Optional<TopicSettings> settings = subject.config().topicSettings();
            TopicSettings merged = known.declaredIn().isEmpty() && settings.isPresent() ? settings.get() : known.settings();
            List<String> declaredIn = new ArrayList<>(known.declaredIn());
            settings.ifPresent(s -> declaredIn.add(repo.relative(subject.dir().resolve("subject.yaml"))));
            out.put(name, new Topic(name, merged, keyed, List.copyOf(declaredIn)));
        }
        return out;
    }

    /** An error for each subject whose topic-config disagrees with the one declared first for the same topic. */
    static void check(SchemaRepository repo, Map<String, List<Finding>> findings) {
        Map<String, Subject> first = new TreeMap<>();
        for (Subject subject : repo.subjects().values()) {
            Optional<TopicSettings> settings = subject.config().topicSettings();
            if (settings.isEmpty()) continue;
            Subject earlier = first.putIfAbsent(subject.config().topic(), subject);
            if (earlier != null && !earlier.config().topicSettings().equals(settings)) {
                findings.get(subject.name()).add(Finding.error("topic-config", subject.name(),
                        repo.relative(subject.dir().resolve("subject.yaml")),
                        "topic-config for topic '" + subject.config().topic() + "' differs from the one in "
                                + earlier.name() + "/subject.yaml",
                        "declare the topic's settings in one subject.yaml only"));
            }
        }
    }
}
