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

    /** What loading and parsing found; every later check starts from it. */
    private record Loaded(SchemaRepository repo, Map<String, List<Finding>> findings, List<Finding> general,
                          Map<String, Parsed> parsed) {}

    /** Every check. */
    public CheckReport run() {
        Loaded loaded = loadAndParse();
        SchemaRepository repo = loaded.repo();
        Map<String, List<Finding>> findings = loaded.findings();
        Map<String, Parsed> parsed = loaded.parsed();
        Linter linter = new Linter(lintRules);
        for (Parsed p : parsed.values()) {
            String file = repo.relative(p.subject().latest().path());
            findings.get(p.subject().name()).addAll(linter.lint(p.latest(), p.referencedNames(), p.subject().name(), file));
            checkCompatibility(repo, p, findings.get(p.subject().name()));
        }
        if (options.againstRef() != null) {
            new ImmutabilityCheck(options.schemasDir(), options.againstRef()).check(repo, findings, loaded.general());
        }
        NewTopicCheck.check(repo, options.schemasDir(), options.againstRef(), findings);
        NameClashCheck.check(parsed.values(), findings);
        TopicDeclarations.check(repo, findings);
        List<SubjectResult> mappings = new MigrationCheck(repo, parsed).check(findings);
        return report(loaded, mappings);
    }

    /**
     * Only what must hold before code is generated: the folder structure, subject names and that every version parses
     * (a JSON syntax error named with line and column). No compatibility, lint or git.
     */
    public CheckReport validate() {
        return report(loadAndParse(), List.of());
    }

    private Loaded loadAndParse() {
        SchemaRepository repo = SchemaRepository.load(options.schemasDir());
        Map<String, List<Finding>> findings = new TreeMap<>();
        repo.subjects().keySet().forEach(name -> findings.put(name, new ArrayList<>()));
        List<Finding> general = new ArrayList<>();
        for (Finding f : repo.loadFindings()) {
            // A subject that loaded despite a finding (e.g. its folder name) shows it under its own name.
            findings.getOrDefault(f.subject(), general).add(f);
        }
        Map<String, Parsed> parsed = new LinkedHashMap<>();
        for (Subject subject : repo.subjects().values()) {
            parse(repo, subject, findings.get(subject.name())).ifPresent(p -> parsed.put(subject.name(), p));
        }
        return new Loaded(repo, findings, general, parsed);
    }

    private CheckReport report(Loaded loaded, List<SubjectResult> mappings) {
        List<SubjectResult> subjects = new ArrayList<>();
        for (Map.Entry<String, List<Finding>> e : loaded.findings().entrySet()) {
            Subject subject = loaded.repo().subjects().get(e.getKey());
            subjects.add(new SubjectResult(e.getKey(), subject.latest().version(), subject.config().compatibility(),
                    List.copyOf(e.getValue())));
        }
        CheckReport report = new CheckReport(subjects, mappings, loaded.general(), source.describe(), options.againstRef());
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
                String where = repo.relative(file.path());
                String hint = newest ? "fix the schema" : "released versions cannot change; this one never parsed";
                Optional<JsonSyntax.Error> syntax = JsonSyntax.check(file.text());
                out.add(syntax.isPresent()
                        ? Finding.error("parse", subject.name(), syntax.get().at(where), "v" + file.version()
                                + ".avsc is not valid JSON at line " + syntax.get().line() + ", column "
                                + syntax.get().column() + ": " + syntax.get().message(), hint)
                        : Finding.error("parse", subject.name(), where,
                                "v" + file.version() + ".avsc is not a valid Avro schema: " + e.getMessage(), hint));
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
                  + " mapping under migrations/ (see \"Declaring a breaking change\" in the avrogate README)"
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
