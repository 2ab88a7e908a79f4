package io.avrogate.check;

import io.avrogate.core.VersionedSchema;
import io.avrogate.core.migration.InvalidMappingException;
import io.avrogate.core.migration.MappingProblem;
import io.avrogate.core.migration.MappingValidator;
import io.avrogate.core.migration.MigrationMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Declared breaking changes: every mapping under migrations/ must name existing subjects and versions and be
 * complete for them (every old field without a default produced, with a convertible type, enum maps total); and
 * every subject that says it {@code replaces} another must have a mapping that translates it back.
 */
final class MigrationCheck {
    private final SchemaRepository repo;
    private final Map<String, SchemaCheck.Parsed> parsed;

    MigrationCheck(SchemaRepository repo, Map<String, SchemaCheck.Parsed> parsed) {
        this.repo = repo;
        this.parsed = parsed;
    }

    List<SubjectResult> check(Map<String, List<Finding>> subjectFindings) {
        List<SubjectResult> results = new ArrayList<>();
        List<MigrationMapping> valid = new ArrayList<>();
        for (SchemaRepository.MappingFile file : repo.mappings()) {
            List<Finding> out = new ArrayList<>();
            String rel = repo.relative(file.path());
            String name = file.name();
            int targetVersion = 0;
            try {
                MigrationMapping mapping = MigrationMapping.parse(file.text(), rel);
                name = mapping.name();
                VersionedSchema source = version(mapping.sourceSubject(), mapping.sourceVersion(), "source", name, rel, out);
                VersionedSchema target = version(mapping.targetSubject(), mapping.targetVersion(), "target", name, rel, out);
                if (source != null && target != null) {
                    targetVersion = target.version();
                    valid.add(mapping);
                    for (MappingProblem p : MappingValidator.validate(mapping, source.schema(), target.schema())) {
                        String where = p.field().isEmpty() ? "" : "target field '" + p.field() + "': ";
                        String message = where + p.message();
                        out.add(p.severity() == MappingProblem.Severity.ERROR
                                ? Finding.error("migration", name, rel, message, "complete the mapping (see \"Declaring a breaking change\" in the avrogate README)")
                                : Finding.warning("migration", name, rel, message, ""));
                    }
                    if (out.stream().noneMatch(Finding::isError)) {
                        // A complete mapping is also run on data: samples next to it and generated records.
                        out.addAll(MappingSampleCheck.check(repo, file.path(), mapping, source.schema(), target.schema()));
                    }
                    warnIfNotLatest(mapping.sourceSubject(), source.version(), "source", name, rel, out);
                    warnIfNotLatest(mapping.targetSubject(), target.version(), "target", name, rel, out);
                }
            } catch (InvalidMappingException e) {
                out.add(Finding.error("migration", name, rel, e.getMessage(), "fix the mapping file"));
            }
            results.add(new SubjectResult(name, targetVersion, null, List.copyOf(out)));
        }
        for (SchemaCheck.Parsed p : parsed.values()) {
            String replaces = p.subject().config().replaces();
            if (replaces == null) continue;
            List<Finding> out = subjectFindings.get(p.subject().name());
            String yaml = repo.relative(p.subject().dir().resolve("subject.yaml"));
            if (repo.subject(replaces).isEmpty()) {
                out.add(Finding.error("migration", p.subject().name(), yaml, "declares that it replaces '" + replaces
                        + "', which is not a subject here", "name the subject whose consumers this lineage replaces"));
            } else if (valid.stream().noneMatch(m -> m.sourceSubject().equals(p.subject().name())
                    && m.targetSubject().equals(replaces))) {
                out.add(Finding.error("migration", p.subject().name(), yaml, "declares a breaking change replacing '"
                        + replaces + "', but no mapping under migrations/ translates " + p.subject().name() + " into "
                        + replaces, "add migrations/" + p.subject().name() + "-to-" + replaces + ".yaml"));
            }
        }
        return results;
    }

    private VersionedSchema version(String subject, Integer version, String role, String name, String rel, List<Finding> out) {
        SchemaCheck.Parsed p = parsed.get(subject);
        if (p == null) {
            boolean exists = repo.subject(subject).isPresent();
            out.add(Finding.error("migration", name, rel, "the " + role + " subject '" + subject + "' "
                    + (exists ? "does not parse" : "does not exist under subjects/"), ""));
            return null;
        }
        int wanted = version == null ? p.versions().size() : version;
        if (wanted < 1 || wanted > p.versions().size()) {
            out.add(Finding.error("migration", name, rel, "the " + role + " subject '" + subject + "' has no version "
                    + wanted + " (latest is " + p.versions().size() + ")", ""));
            return null;
        }
        return p.versions().get(wanted - 1);
    }

    private void warnIfNotLatest(String subject, int version, String role, String name, String rel, List<Finding> out) {
        int latest = parsed.get(subject).versions().size();
        if (version != latest) {
            out.add(Finding.warning("migration", name, rel, "the mapping is written for " + role + " " + subject + " v"
                    + version + " but the latest is v" + latest + "; fields added since are not considered",
                    "update the mapping's " + role + " version"));
        }
    }
}
