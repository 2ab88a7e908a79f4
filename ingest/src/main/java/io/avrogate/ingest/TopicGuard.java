package io.avrogate.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which topics ingest may write to. Never an internal topic: the registry's store ({@code _schemas}) and Kafka's and
 * Connect's own ({@code __*}), whatever subject exists for them — anyone who can register a subject could otherwise
 * have ingest write into them. When topics are declared (an explicit list, or the value topics of the
 * {@code subject.yaml} files in a {@code schemas/subjects} folder), only those; with no declaration at all, any other
 * topic that has a {@code <topic>-value} subject, as before.
 */
final class TopicGuard {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final Set<String> declared;

    private TopicGuard(Set<String> declared) {
        this.declared = declared;
    }

    static TopicGuard of(Set<String> allowed, Path subjectsDir) {
        Set<String> topics = new HashSet<>(allowed);
        if (subjectsDir != null) topics.addAll(valueTopics(subjectsDir));
        return new TopicGuard(Set.copyOf(topics));
    }

    /** Whether only declared topics are open (false: any topic with a value subject, internal ones excepted). */
    boolean declaredOnly() {
        return !declared.isEmpty();
    }

    /** @throws IngestException 403 for an internal or undeclared topic */
    void check(String topic) {
        if (isInternal(topic)) {
            throw new IngestException(403, 40303, "topic '" + topic + "' is internal (the registry's store or a"
                    + " Kafka/Connect topic); ingest never writes to it");
        }
        if (declaredOnly() && !declared.contains(topic)) {
            throw new IngestException(403, 40304, "topic '" + topic + "' is not open to ingest: declare it as the"
                    + " topic of a value subject's subject.yaml, or in the ingest's allowed topics");
        }
    }

    static boolean isInternal(String topic) {
        return topic.equals("_schemas") || topic.startsWith("__");
    }

    /** The {@code topic} of every {@code role: value} (the default role) subject.yaml under the folder. */
    static Set<String> valueTopics(Path subjectsDir) {
        Set<String> topics = new HashSet<>();
        try (Stream<Path> subjects = Files.list(subjectsDir)) {
            for (Path subject : subjects.toList()) {
                Path file = subject.resolve("subject.yaml");
                if (!Files.isRegularFile(file)) continue;
                JsonNode root = YAML.readTree(file.toFile());
                if (root != null && root.path("role").asText("value").equals("value") && root.hasNonNull("topic")) {
                    topics.add(root.get("topic").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the subject declarations in " + subjectsDir, e);
        }
        return topics;
    }
}
