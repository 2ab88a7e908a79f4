package io.avrogate.check;

import io.avrogate.core.AvroSchemas;
import io.avrogate.core.CompatibilityLevel;
import io.avrogate.core.CompatibilityResult;
import io.avrogate.core.Incompatibility;
import io.avrogate.core.InvalidSchemaException;
import io.avrogate.core.VersionedSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CI schema check over a {@code schemas/} folder: structure, parsing with references, lint, immutability of
 * released versions against a git ref, compatibility of each subject's newest version under its level, name clashes
 * between subjects, and declared breaking changes with complete migration mappings.
 */
public final class SchemaCheck {
    private static final Logger log = LoggerFactory.getLogger(SchemaCheck.class);

    /**
     * @param schemasDir the folder holding subjects/ and migrations/
     * @param againstRef a git ref to compare released versions with, or null to skip that check
     * @param lintRules  lint configuration; null reads schemas/lint.yaml or uses the defaults
     * @param source     where newest versions are checked; null for the local history
     */
    public record Options(Path schemasDir, String againstRef, LintRules lintRules, CompatibilitySource source) {}

    /** A subject whose versions all parsed: the schemas by version, and the names its references define. */
    record Parsed(Subject subject, List<VersionedSchema> versions, Set<String> referencedNames) {
        Schema latest() {
            return versions.get(versions.size() - 1).schema();
        }
    }

    private final Options options;
    private final LintRules lintRules;
    private final CompatibilitySource source;

    public SchemaCheck(Options options) {
        this.options = options;
        this.lintRules = options.lintRules() != null ? options.lintRules() : lintRulesFrom(options.schemasDir());
        this.source = options.source() != null ? options.source() : new LocalCompatibilitySource();
    }

    public CheckReport run() {
        SchemaRepository repo = SchemaRepository.load(options.schemasDir());
        Map<String, List<Finding>> findings = new TreeMap<>();
        repo.subjects().keySet().forEach(name -> findings.put(name, new ArrayList<>()));
        List<Finding> general = new ArrayList<>(repo.loadFindings());

        Map<String, Parsed> parsed = new LinkedHashMap<>();
        for (Subject subject : repo.subjects().values()) {
            parse(repo, subject, findings.get(subject.name())).ifPresent(p -> parsed.put(subject.name(), p));
        }
        Linter linter = new Linter(lintRules);
        for (Parsed p : parsed.values()) {
            String file = repo.relative(p.subject().latest().path());
            findings.get(p.subject().name()).addAll(linter.lint(p.latest(), p.referencedNames(), p.subject().name(), file));
            checkCompatibility(repo, p, findings.get(p.subject().name()));
        }
        if (options.againstRef() != null) {
            new ImmutabilityCheck(options.schemasDir(), options.againstRef()).check(repo, findings, general);
        }
        NameClashCheck.check(parsed.values(), findings);
        List<SubjectResult> mappings = new MigrationCheck(repo, parsed).check(findings);

        List<SubjectResult> subjects = new ArrayList<>();
        for (Map.Entry<String, List<Finding>> e : findings.entrySet()) {
            Subject subject = repo.subjects().get(e.getKey());
            subjects.add(new SubjectResult(e.getKey(), subject.latest().version(), subject.config().compatibility(),
                    List.copyOf(e.getValue())));
        }
        CheckReport report = new CheckReport(subjects, mappings, general, source.describe(), options.againstRef());
        log.debug("checked {} subjects and {} mappings: {} errors, {} warnings", subjects.size(), mappings.size(),
                report.errorCount(), report.warningCount());
        return report;
    }

    private Optional<Parsed> parse(SchemaRepository repo, Subject subject, List<Finding> out) {
        List<String> references;
        try {
            references = repo.referenceTexts(subject);
        } catch (IllegalArgumentException e) {
            out.add(Finding.error("parse", subject.name(), repo.relative(subject.dir().resolve("subject.yaml")),
                    e.getMessage(), "fix the references in subject.yaml"));
            return Optional.empty();
        }
        Set<String> referencedNames = new HashSet<>();
        for (int i = 0; i < references.size(); i++) {
            try {
                NamedTypes.collect(AvroSchemas.parse(references.get(i), references.subList(0, i), false), referencedNames);
            } catch (InvalidSchemaException e) {
                out.add(Finding.error("parse", subject.name(), "", "a referenced schema does not parse: " + e.getMessage(), ""));
                return Optional.empty();
            }
        }
        List<VersionedSchema> versions = new ArrayList<>();
        boolean ok = true;
        for (Subject.VersionFile file : subject.versions()) {
            boolean newest = file == subject.latest();
            try {
                // Defaults are validated on the newest version; released ones are as the registry already holds them.
                versions.add(new VersionedSchema(file.version(), AvroSchemas.parse(file.text(), references, newest)));
            } catch (InvalidSchemaException e) {
                out.add(Finding.error("parse", subject.name(), repo.relative(file.path()),
                        "v" + file.version() + ".avsc is not a valid Avro schema: " + e.getMessage(),
                        newest ? "fix the schema" : "released versions cannot change; this one never parsed"));
                ok = false;
            }
        }
        return ok ? Optional.of(new Parsed(subject, List.copyOf(versions), referencedNames)) : Optional.empty();
    }

    private void checkCompatibility(SchemaRepository repo, Parsed p, List<Finding> out) {
        Subject subject = p.subject();
        if (p.versions().size() < 2 && source instanceof LocalCompatibilitySource) {
            return; // a brand-new subject (only v1) has nothing in git to be compatible with
        }
        List<VersionedSchema> history = p.versions().subList(0, p.versions().size() - 1);
        CompatibilityLevel level = subject.config().compatibility();
        CompatibilityResult result = source.check(subject, subject.latest().text(), p.latest(), history, level);
        if (result.compatible()) return;
        String file = repo.relative(subject.latest().path());
        String fix = subject.config().replaces() == null
                ? "make the change compatible, or declare a breaking change: a new subject on a new topic with a"
                  + " mapping under migrations/ (see schemas/README.md)"
                : "";
        if (result.incompatibilities().isEmpty()) {
            // A source that answers in messages only (the registry): one finding per message, under the level it applied.
            CompatibilityLevel applied = result.level() != null ? result.level() : level;
            for (String message : result.messages()) {
                out.add(Finding.error("compatibility", subject.name(), file, "v" + subject.latest().version()
                        + " is not " + applied + " compatible with " + source.describe() + ": " + message, fix));
            }
        }
        for (Incompatibility i : result.incompatibilities()) {
            out.add(Finding.error("compatibility", subject.name(), file, "v" + subject.latest().version() + " breaks "
                    + level + ": " + i.explanation(), fix));
        }
    }

    private static LintRules lintRulesFrom(Path schemasDir) {
        Path file = schemasDir.resolve("lint.yaml");
        return Files.isRegularFile(file) ? LintRules.parse(SchemaRepository.read(file), "lint.yaml") : LintRules.defaults();
    }
}
