package io.avrogate.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * A subject folder's name is the registry subject, so it must be the name subject.yaml's topic and role give under
 * the declared strategy: a folder {@code oders-value} with {@code topic: orders} would register a subject no
 * serializer of topic {@code orders} ever looks up. Shared types (role shared) are named freely.
 */
final class SubjectNameCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SubjectNameCheck() {}

    /** An error when the folder name is not the expected subject name; nothing when it is (or cannot be known yet). */
    static Optional<Finding> check(Subject subject, String yamlFile) {
        SubjectConfig config = subject.config();
        if (config.role().equals("shared")) return Optional.empty();
        SubjectNameStrategy strategy = config.naming();
        String recordName = null;
        if (strategy.needsRecordName()) {
            Optional<String> name = recordFullName(subject.latest().text());
            if (name.isEmpty()) return Optional.empty(); // the parse check reports a schema that names no record
            recordName = name.get();
        }
        String expected = strategy.subjectName(config.topic(), config.role(), recordName);
        if (expected.equals(subject.name())) return Optional.empty();
        String declared = "topic '" + config.topic() + "', role " + config.role()
                + (strategy.needsRecordName() ? ", record " + recordName : "") + " under " + strategy;
        return Optional.of(Finding.error("naming", subject.name(), yamlFile,
                "the folder is named '" + subject.name() + "', but subject.yaml (" + declared + ") names the subject '"
                        + expected + "': did you mean " + expected + "?",
                "rename the folder to " + expected + ", or correct topic, role or naming-strategy in subject.yaml"));
    }

    /** The full name of the named type a schema text defines at its top, if it is valid JSON and defines one. */
    static Optional<String> recordFullName(String schemaText) {
        JsonNode root;
        try {
            root = JSON.readTree(schemaText);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.path("name").isTextual()) return Optional.empty();
        String name = root.get("name").asText();
        String namespace = root.path("namespace").asText("");
        return Optional.of(name.contains(".") || namespace.isEmpty() ? name : namespace + "." + name);
    }
}
