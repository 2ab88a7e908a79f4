package io.avrogate.check;

import io.avrogate.core.CompatibilityLevel;
import java.util.List;

/** The verdict for one subject and everything found about it. */
public record SubjectResult(String subject, int latestVersion, CompatibilityLevel level, List<Finding> findings) {

    public enum Status { PASS, WARN, FAIL }

    public Status status() {
        if (findings.stream().anyMatch(Finding::isError)) return Status.FAIL;
        return findings.stream().anyMatch(Finding::isWarning) ? Status.WARN : Status.PASS;
    }
}
