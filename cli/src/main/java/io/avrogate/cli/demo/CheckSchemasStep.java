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
    /**
     * The check passed over this many subjects, versions and breaking-change mappings, with these many warnings:
     * the same counts and verdict {@code ./avrogate check} prints, so the demo never says "passed" where the check
     * would warn without saying so.
     */
    record Checked(int subjects, int versions, int mappings, long warnings) implements Result {
        @Override
        public String summary() {
            return subjects + " subjects, " + versions + " versions, " + mappings + " breaking-change mapping(s): passed"
                    + (warnings == 0 ? "" : " with " + warnings + " warning(s)");
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
        context.story().count("schemas.warnings", report.warningCount());
        report.allFindings().filter(f -> f.isError() || f.isWarning()).limit(5)
                .forEach(f -> context.detail(f.label() + ": " + f.subject() + ": " + f.message()));
        if (!report.passed(false)) {
            throw new IllegalStateException(report.errorCount() + " schema check errors (run ./avrogate check for the report)");
        }
        context.hint("./avrogate check          # the CI check over schemas/");
        return new Checked(report.subjects().size(), versions, report.mappings().size(), report.warningCount());
    }
}
