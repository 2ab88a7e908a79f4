package io.avrogate.check.report;

import io.avrogate.check.CheckReport;
import io.avrogate.check.Finding;
import io.avrogate.check.SubjectResult;
import java.util.List;
import java.util.stream.Stream;

/** A pull-request comment: a verdict table, then for each failure what breaks, where, and how to fix it. */
final class MarkdownReport {
    private MarkdownReport() {}

    static String render(CheckReport report) {
        StringBuilder md = new StringBuilder();
        boolean passed = report.errorCount() == 0;
        md.append("## Schema check: ").append(passed ? "passed ✅" : "failed ❌").append("\n\n");
        md.append(report.subjects().size()).append(" subjects, ").append(report.mappings().size())
                .append(" migrations — ").append(report.errorCount()).append(" errors, ")
                .append(report.warningCount()).append(" warnings. Checked against ").append(report.source());
        if (report.against() != null) md.append("; released versions compared with `").append(report.against()).append('`');
        md.append(".\n\n| subject | latest | level | verdict |\n|---|---|---|---|\n");
        for (SubjectResult r : report.subjects()) {
            md.append("| `").append(r.subject()).append("` | v").append(r.latestVersion()).append(" | ")
                    .append(r.level()).append(" | ").append(verdict(r)).append(" |\n");
        }
        for (SubjectResult r : report.mappings()) {
            md.append("| migration `").append(r.subject()).append("` | | | ").append(verdict(r)).append(" |\n");
        }
        List<Finding> problems = Stream.concat(report.general().stream(),
                Stream.concat(report.subjects().stream(), report.mappings().stream()).flatMap(r -> r.findings().stream()))
                .toList();
        if (!problems.isEmpty()) {
            md.append("\n### What to fix\n\n");
            for (Finding f : problems) {
                md.append("- ").append(f.isError() ? "**error**" : f.label()).append(" (").append(f.check()).append(") ");
                if (!f.subject().isEmpty()) md.append('`').append(f.subject()).append("` ");
                if (!f.file().isEmpty()) md.append("in `").append(f.file()).append("`");
                md.append(": ").append(escape(f.message()));
                if (!f.hint().isEmpty()) md.append("<br>→ ").append(escape(f.hint()));
                md.append('\n');
            }
        }
        return md.toString();
    }

    private static String verdict(SubjectResult r) {
        return switch (r.status()) {
            case PASS -> "✅ pass";
            case WARN -> "⚠️ " + r.findings().stream().filter(Finding::isWarning).count() + " warning(s)";
            case FAIL -> "❌ " + r.findings().stream().filter(Finding::isError).count() + " error(s)";
        };
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
