package io.avrogate.cli.demo;

import io.avrogate.check.CheckReport;
import io.avrogate.check.Finding;
import io.avrogate.check.SchemaCheck;
import io.avrogate.check.SubjectResult;

/**
 * Runs the CI check over schemas/ exactly as {@code avrogate check} does in a pull request (without the comparison
 * against a base branch, which needs git history): parse, lint, compatibility, and the breaking change's mapping.
 */
final class CheckSchemasStep implements DemoStep {
    /** The check passed over this many subjects, versions and breaking-change mappings. */
    record Checked(int subjects, int versions, int mappings) implements Result {
        @Override
        public String summary() {
            return subjects + " subjects, " + versions + " versions, " + mappings + " breaking-change mapping(s): passed";
        }
    }

    @Override
    public String title() {
        return "Check the schemas in git (what CI runs on every pull request)";
    }

    Checked run(DemoContext context) {
        CheckReport report = new SchemaCheck(new SchemaCheck.Options(context.schemas(), null, null, null)).run();
        int versions = report.subjects().stream().mapToInt(SubjectResult::latestVersion).sum();
        context.story().count("schemas.subjects", report.subjects().size());
        context.story().count("schemas.versions", versions);
        context.story().count("schemas.mappings", report.mappings().size());
        context.story().count("schemas.errors", report.errorCount());
        report.allFindings().filter(Finding::isError).limit(5).forEach(f -> context.detail("error: " + f.subject() + ": " + f.message()));
        if (!report.passed(false)) {
            throw new IllegalStateException(report.errorCount() + " schema check errors (run ./avrogate check for the report)");
        }
        context.hint("./avrogate check          # the CI check over schemas/");
        return new Checked(report.subjects().size(), versions, report.mappings().size());
    }
}
