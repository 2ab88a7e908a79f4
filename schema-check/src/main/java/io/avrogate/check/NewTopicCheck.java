package io.avrogate.check;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Flags, for the reviewer, a new subject on a topic that no existing subject uses: often a new topic is intended,
 * but a typo in {@code topic:} (with a folder named to match) also looks like this, and nothing else catches it.
 * "New" means absent at the base ref when the check compares with one, else a subject with only v1.
 */
final class NewTopicCheck {
    private NewTopicCheck() {}

    static void check(SchemaRepository repo, Path schemasDir, String againstRef, Map<String, List<Finding>> findings) {
        Predicate<Subject> isNew;
        if (againstRef != null) {
            Set<String> released = new TreeSet<>();
            for (String path : new GitHistory(schemasDir).pathsAt(againstRef, schemasDir)) {
                String[] parts = path.split("/");
                if (parts.length >= 3 && parts[0].equals("subjects")) released.add(parts[1]);
            }
            isNew = s -> !released.contains(s.name());
        } else {
            isNew = s -> s.versions().size() == 1;
        }
        Set<String> existingTopics = new TreeSet<>();
        repo.subjects().values().stream().filter(isNew.negate()).map(s -> s.config().topic())
                .filter(Objects::nonNull).forEach(existingTopics::add);
        for (Subject subject : repo.subjects().values()) {
            String topic = subject.config().topic();
            if (topic == null || subject.config().role().equals("shared") || !isNew.test(subject)
                    || existingTopics.contains(topic)) {
                continue;
            }
            findings.get(subject.name()).add(Finding.notice("new-topic", subject.name(),
                    repo.relative(subject.dir().resolve("subject.yaml")),
                    "a new subject on topic '" + topic + "', which no existing subject uses"
                            + Suggestions.didYouMean(topic, existingTopics),
                    "reviewer: confirm that a new Kafka topic is intended"));
        }
    }
}
