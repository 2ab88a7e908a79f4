package io.avrogate.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.avrogate.core.CompatibilityLevel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code subject.yaml} next to a subject's versions.
 *
 * @param topic         the Kafka topic the subject belongs to (absent for shared types)
 * @param role          {@code key}, {@code value} or {@code shared} (a type other subjects reference)
 * @param compatibility the level the registry enforces and CI checks
 * @param owner         the team that owns the subject
 * @param description   what the subject carries
 * @param references    named types taken from other subjects, with the version pinned
 * @param replaces      for a declared breaking change: the subject this one replaces (a mapping must exist)
 * @param naming        how the subject's name follows from topic, role and record name ({@code naming-strategy};
 *                      TopicNameStrategy by default); the folder name must be that name
 * @param topicSettings the optional {@code topic-config:} block: partitions, replication and topic configs that
 *                      {@code avrogate topics plan/apply} bring the topic to
 */
public record SubjectConfig(String topic, String role, CompatibilityLevel compatibility, String owner,
                            String description, List<SchemaReference> references, String replaces,
                            SubjectNameStrategy naming, Optional<TopicSettings> topicSettings) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> KEYS =
            Set.of("topic", "role", "compatibility", "owner", "description", "references", "replaces", "naming-strategy",
                    "topic-config");
    private static final Set<String> ROLES = Set.of("key", "value", "shared");

    /** Parses a subject.yaml text; every problem is reported with {@code origin} and the offending key. */
    public static SubjectConfig parse(String text, String origin) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException(origin + ": must be a YAML map");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(origin + ": unknown key '" + key + "'" + Suggestions.didYouMean(key, KEYS)
                        + "; subject.yaml knows " + new TreeSet<>(KEYS));
            }
        }
        String role = root.path("role").asText("value");
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException(origin + ": role must be one of " + ROLES + ", not '" + role + "'");
        }
        String levelText = root.path("compatibility").asText("BACKWARD");
        CompatibilityLevel level = CompatibilityLevel.parse(levelText).orElseThrow(() -> new IllegalArgumentException(
                origin + ": unknown compatibility level '" + levelText + "'"));
        String topic = root.hasNonNull("topic") ? root.get("topic").asText() : null;
        if (topic == null && !role.equals("shared")) {
            throw new IllegalArgumentException(origin + ": 'topic' is required for a " + role + " subject");
        }
        String namingText = root.path("naming-strategy").asText(SubjectNameStrategy.TopicNameStrategy.name());
        SubjectNameStrategy naming = SubjectNameStrategy.parse(namingText).orElseThrow(() -> new IllegalArgumentException(
                origin + ": unknown naming-strategy '" + namingText + "'" + Suggestions.didYouMean(namingText,
                        Arrays.stream(SubjectNameStrategy.values()).map(Enum::name).toList())
                        + "; use TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy"));
        List<SchemaReference> references = new ArrayList<>();
        for (JsonNode ref : root.path("references")) {
            if (!ref.hasNonNull("name") || !ref.hasNonNull("subject") || !ref.path("version").canConvertToInt()) {
                throw new IllegalArgumentException(origin + ": each reference needs name, subject and version");
            }
            references.add(new SchemaReference(ref.get("name").asText(), ref.get("subject").asText(), ref.get("version").asInt()));
        }
        Optional<TopicSettings> topicSettings = Optional.empty();
        if (root.hasNonNull("topic-config")) {
            if (topic == null) throw new IllegalArgumentException(origin + ": topic-config needs a 'topic'");
            topicSettings = Optional.of(TopicSettings.parse(root.get("topic-config"), origin));
        }
        return new SubjectConfig(topic, role, level, root.path("owner").asText(""), root.path("description").asText(""),
                List.copyOf(references), root.hasNonNull("replaces") ? root.get("replaces").asText() : null, naming,
                topicSettings);
    }
}
