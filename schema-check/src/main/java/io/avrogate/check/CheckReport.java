package io.avrogate.check;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Everything one run of the check found.
 *
 * @param subjects  one result per subject, by name
 * @param mappings  one result per migration mapping (the subject field holds the mapping name)
 * @param general   findings that belong to no subject (e.g. a subject folder that could not be loaded)
 * @param source    what the newest versions were checked against
 * @param against   the git ref released versions were compared with, or null
 */
public record CheckReport(List<SubjectResult> subjects, List<SubjectResult> mappings, List<Finding> general,
                          String source, String against) {

    public Stream<Finding> allFindings() {
        return Stream.concat(general.stream(),
                Stream.concat(subjects.stream(), mappings.stream()).flatMap(s -> s.findings().stream()));
    }

    public long errorCount() {
        return allFindings().filter(Finding::isError).count();
    }

    public long warningCount() {
        return allFindings().filter(Finding::isWarning).count();
    }

    public long noticeCount() {
        return allFindings().filter(f -> f.severity() == Finding.Severity.NOTICE).count();
    }

    /** This report with only the findings of the named checks (e.g. structure and parse for a syntax-only goal). */
    public CheckReport only(Set<String> checks) {
        return map(f -> checks.contains(f.check()) ? f : null);
    }

    /** This report with every file path prefixed, so that it names files as seen from another folder. */
    public CheckReport withFilePrefix(String prefix) {
        return map(f -> f.withFilePrefix(prefix));
    }

    private CheckReport map(UnaryOperator<Finding> change) {
        UnaryOperator<List<SubjectResult>> results = list -> list.stream()
                .map(r -> new SubjectResult(r.subject(), r.latestVersion(), r.level(),
                        r.findings().stream().map(change).filter(Objects::nonNull).toList()))
                .toList();
        return new CheckReport(results.apply(subjects), results.apply(mappings),
                general.stream().map(change).filter(Objects::nonNull).toList(), source, against);
    }

    /** True when nothing failed (and, if {@code warningsFail}, nothing warned either). */
    public boolean passed(boolean warningsFail) {
        return errorCount() == 0 && (!warningsFail || warningCount() == 0);
    }
}
