package io.avrogate.check;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a subject's name follows from its topic, its role (key or value) and its record's full name: Confluent's three
 * subject-name strategies, under the names its serializers are configured with ({@code value.subject.name.strategy}).
 * A subject declares its strategy in subject.yaml ({@code naming-strategy}); TopicNameStrategy is the default.
 */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value}. */
    TopicNameStrategy,
    /** The record's full name, whatever the topic. */
    RecordNameStrategy,
    /** {@code <topic>-<record full name>}. */
    TopicRecordNameStrategy;

    /** The subject name for a key or value subject; {@code recordName} may be null under TopicNameStrategy. */
    public String subjectName(String topic, String role, String recordName) {
        return switch (this) {
            case TopicNameStrategy -> topic + "-" + role;
            case RecordNameStrategy -> recordName;
            case TopicRecordNameStrategy -> topic + "-" + recordName;
        };
    }

    /** Whether the subject name depends on the record's full name (which then must be read from the schema). */
    public boolean needsRecordName() {
        return this != TopicNameStrategy;
    }

    /** Parses the simple name or a serializer class name ending in it, e.g. Confluent's fully qualified one. */
    public static Optional<SubjectNameStrategy> parse(String text) {
        String simple = text.substring(text.lastIndexOf('.') + 1);
        return Arrays.stream(values()).filter(s -> s.name().equals(simple)).findFirst();
    }
}
