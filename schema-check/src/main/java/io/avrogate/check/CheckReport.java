package io.avrogate.check;

import java.util.List;
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
        return allFindings().filter(f -> !f.isError()).count();
    }

    /** True when nothing failed (and, if {@code warningsFail}, nothing warned either). */
    public boolean passed(boolean warningsFail) {
        return errorCount() == 0 && (!warningsFail || warningCount() == 0);
    }
}
