package io.avrogate.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code schemas/} tree as it is on disk: {@code subjects/<subject>/vN.avsc + subject.yaml} and
 * {@code migrations/*.yaml}. Loading never throws for bad content: what is malformed becomes a finding, and the
 * rest is still checked, so one broken file does not hide the state of every other subject.
 */
public final class SchemaRepository {
    private static final Pattern VERSION_FILE = Pattern.compile("v([1-9][0-9]*)\\.avsc");

    private final Path root;
    private final Map<String, Subject> subjects;
    private final List<MappingFile> mappings;
    private final List<Finding> findings;

    /** A mapping file and its text. */
    public record MappingFile(Path path, String text) {
        public String name() {
            String file = path.getFileName().toString();
            return file.replaceFirst("\\.ya?ml$", "");
        }
    }

    private SchemaRepository(Path root, Map<String, Subject> subjects, List<MappingFile> mappings, List<Finding> findings) {
        this.root = root;
        this.subjects = subjects;
        this.mappings = mappings;
        this.findings = findings;
    }

    public static SchemaRepository load(Path root) {
        if (!Files.isDirectory(root.resolve("subjects"))) {
            throw new IllegalArgumentException(root + " has no subjects/ folder; is it a schemas directory?");
        }
        Map<String, Subject> subjects = new TreeMap<>();
        List<Finding> findings = new ArrayList<>();
        for (Path dir : list(root.resolve("subjects"))) {
            if (!Files.isDirectory(dir)) continue;
            loadSubject(root, dir, findings).ifPresent(s -> subjects.put(s.name(), s));
        }
        List<MappingFile> mappings = new ArrayList<>();
        Path migrations = root.resolve("migrations");
        if (Files.isDirectory(migrations)) {
            for (Path file : list(migrations)) {
                String name = file.getFileName().toString();
                if (name.endsWith(".yaml") || name.endsWith(".yml")) mappings.add(new MappingFile(file, read(file)));
            }
        }
        return new SchemaRepository(root, subjects, List.copyOf(mappings), findings);
    }

    private static Optional<Subject> loadSubject(Path root, Path dir, List<Finding> findings) {
        String name = dir.getFileName().toString();
        Path yaml = dir.resolve("subject.yaml");
        String rel = root.relativize(yaml).toString();
        if (!Files.isRegularFile(yaml)) {
            findings.add(Finding.error("structure", name, rel, "the subject has no subject.yaml",
                    "add subject.yaml with topic, role, compatibility, owner and description"));
            return Optional.empty();
        }
        SubjectConfig config;
        try {
            config = SubjectConfig.parse(read(yaml), rel);
        } catch (IllegalArgumentException e) {
            findings.add(Finding.error("structure", name, rel, e.getMessage(), ""));
            return Optional.empty();
        }
        TreeMap<Integer, Path> numbered = new TreeMap<>();
        for (Path file : list(dir)) {
            String fileName = file.getFileName().toString();
            if (fileName.equals("subject.yaml")) continue;
            Matcher m = VERSION_FILE.matcher(fileName);
            if (m.matches()) {
                numbered.put(Integer.parseInt(m.group(1)), file);
            } else {
                findings.add(Finding.warning("structure", name, root.relativize(file).toString(),
                        "unexpected file in a subject folder", "versions are named v1.avsc, v2.avsc, ..."));
            }
        }
        if (numbered.isEmpty()) {
            findings.add(Finding.error("structure", name, root.relativize(dir).toString(), "the subject has no versions",
                    "add v1.avsc"));
            return Optional.empty();
        }
        List<Subject.VersionFile> versions = new ArrayList<>();
        int expected = 1;
        for (Map.Entry<Integer, Path> e : numbered.entrySet()) {
            if (e.getKey() != expected) {
                findings.add(Finding.error("structure", name, root.relativize(e.getValue()).toString(),
                        "version numbering is not contiguous: v" + expected + ".avsc is missing before v" + e.getKey() + ".avsc",
                        "versions are numbered 1, 2, 3, ... with no gaps"));
                return Optional.empty();
            }
            versions.add(new Subject.VersionFile(e.getKey(), e.getValue(), read(e.getValue())));
            expected++;
        }
        Subject subject = new Subject(name, dir, config, List.copyOf(versions));
        SubjectNameCheck.check(subject, rel).ifPresent(findings::add);
        return Optional.of(subject);
    }

    public Path root() {
        return root;
    }

    public Map<String, Subject> subjects() {
        return subjects;
    }

    public Optional<Subject> subject(String name) {
        return Optional.ofNullable(subjects.get(name));
    }

    public List<MappingFile> mappings() {
        return mappings;
    }

    /**
     * Problems found while loading: missing or malformed subject.yaml, gaps in numbering, stray files, a folder name
     * that is not the subject its subject.yaml describes (that subject is still loaded).
     */
    public List<Finding> loadFindings() {
        return List.copyOf(findings);
    }

    public String relative(Path path) {
        return root.relativize(path).toString();
    }

    /**
     * The texts of the schemas {@code subject}'s versions reference, in dependency order (what a reference itself
     * references comes first), as the registry resolves them.
     *
     * @throws IllegalArgumentException naming the reference that cannot be resolved
     */
    public List<String> referenceTexts(Subject subject) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        collect(subject, seen, out, new LinkedHashSet<>());
        return out;
    }

    private void collect(Subject subject, Set<String> seen, List<String> out, Set<String> path) {
        if (!path.add(subject.name())) {
            throw new IllegalArgumentException("references form a cycle: " + String.join(" -> ", path) + " -> " + subject.name());
        }
        for (SchemaReference ref : subject.config().references()) {
            Subject target = subjects.get(ref.subject());
            if (target == null) {
                throw new IllegalArgumentException("reference " + ref.name() + " names subject '" + ref.subject()
                        + "', which does not exist under subjects/");
            }
            Subject.VersionFile version = target.version(ref.version());
            if (version == null) {
                throw new IllegalArgumentException("reference " + ref.name() + " names " + ref.subject() + " version "
                        + ref.version() + ", which does not exist");
            }
            String key = ref.subject() + "@" + ref.version();
            if (seen.add(key)) {
                collect(target, seen, out, new LinkedHashSet<>(path));
                out.add(version.text());
            }
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
