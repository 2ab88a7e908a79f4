package io.avrogate.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SubjectVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Writes a registry's subjects into the {@code schemas/subjects/<subject>/vN.avsc} layout, with a subject.yaml that
 * {@code avrogate check} accepts: the way to adopt subjects that were registered before the repository existed.
 * Versions are numbered 1, 2, ... in the registry's order (its numbers may have gaps from deletions; registration
 * finds schemas by content, so local numbers need not equal the registry's). Files the user already has are never
 * overwritten: an existing subject.yaml is kept, and a version file that differs from the registry is reported.
 */
public final class SchemaDownload {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a run did. */
    public record Outcome(List<String> subjects, int versionsWritten, int versionsKept) {}

    private final SchemaRegistryClient client;
    private final Consumer<String> progress;

    public SchemaDownload(SchemaRegistryClient client, Consumer<String> progress) {
        this.client = client;
        this.progress = progress;
    }

    /**
     * @param subjectPatterns regular expressions matched against the whole subject name
     * @param prettyPrint     write schemas indented (the registry stores them on one line)
     */
    public Outcome download(List<Pattern> subjectPatterns, Path schemasDir, boolean prettyPrint) throws IOException {
        List<String> subjects = client.subjects().stream().sorted()
                .filter(s -> subjectPatterns.stream().anyMatch(p -> p.matcher(s).matches())).toList();
        int written = 0;
        int kept = 0;
        for (String subject : subjects) {
            Path dir = Files.createDirectories(schemasDir.resolve("subjects").resolve(subject));
            List<Integer> versions = client.versions(subject).stream().sorted().toList();
            SubjectVersion latest = null;
            for (int i = 0; i < versions.size(); i++) {
                latest = client.version(subject, String.valueOf(versions.get(i)));
                String text = prettyPrint ? JSON.readTree(latest.content().schema()).toPrettyString() + "\n"
                        : latest.content().schema();
                Path file = dir.resolve("v" + (i + 1) + ".avsc");
                if (!Files.exists(file)) {
                    Files.writeString(file, text, StandardCharsets.UTF_8);
                    written++;
                } else if (!sameJson(Files.readString(file, StandardCharsets.UTF_8), text)) {
                    progress.accept(subject + ": kept the local " + file.getFileName() + ", which differs from registry version "
                            + versions.get(i));
                    kept++;
                }
            }
            Path yaml = dir.resolve("subject.yaml");
            if (latest != null && !Files.exists(yaml)) Files.writeString(yaml, subjectYaml(subject, latest));
            progress.accept(subject + ": " + versions.size() + " version" + (versions.size() == 1 ? "" : "s")
                    + " in " + schemasDir.relativize(dir));
        }
        return new Outcome(subjects, written, kept);
    }

    /** A subject.yaml from what the registry knows: topic and role from a TopicNameStrategy name, its level, references. */
    private String subjectYaml(String subject, SubjectVersion latest) {
        StringBuilder yaml = new StringBuilder();
        String role = subject.endsWith("-value") ? "value" : subject.endsWith("-key") ? "key" : null;
        if (role != null) {
            yaml.append("topic: ").append(subject, 0, subject.length() - role.length() - 1).append('\n')
                    .append("role: ").append(role).append('\n');
        } else {
            yaml.append("# Not a <topic>-key/-value name: declared shared. For a record-named key or value subject, set\n")
                    .append("# topic, role and naming-strategy (RecordNameStrategy or TopicRecordNameStrategy).\n")
                    .append("role: shared\n");
        }
        String level = client.subjectCompatibilityLevel(subject);
        yaml.append("compatibility: ").append(level != null ? level : client.compatibilityLevel(null)).append('\n')
                .append("owner: \"\"\n")
                .append("description: \"Downloaded from the registry; say what the subject carries.\"\n");
        List<String> references = new ArrayList<>();
        for (var ref : latest.content().references()) {
            int local = client.versions(ref.subject()).stream().sorted().toList().indexOf(ref.version()) + 1;
            references.add("  - name: " + ref.name() + "\n    subject: " + ref.subject() + "\n    version: "
                    + (local > 0 ? local : ref.version()) + "\n");
        }
        if (!references.isEmpty()) yaml.append("references:\n").append(String.join("", references));
        return yaml.toString();
    }

    private static boolean sameJson(String a, String b) {
        try {
            JsonNode left = JSON.readTree(a);
            return left != null && left.equals(JSON.readTree(b));
        } catch (IOException e) {
            return false;
        }
    }
}
