package io.avrogate.check.report;

import io.avrogate.check.CheckReport;
import io.avrogate.check.Finding;
import io.avrogate.check.SubjectResult;
import java.util.List;

/** Readable terminal output: one line per subject and mapping, the findings indented beneath. */
final class TextReport {
    private TextReport() {}

    static String render(CheckReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Checked against ").append(report.source());
        if (report.against() != null) out.append("; released versions compared with ").append(report.against());
        out.append("\n\n");
        for (Finding f : report.general()) line(out, "", f);
        section(out, "subjects", report.subjects(), true);
        section(out, "migrations", report.mappings(), false);
        out.append('\n').append(report.errorCount() == 0 ? "PASSED" : "FAILED").append(": ")
                .append(report.subjects().size()).append(" subjects, ").append(report.mappings().size())
                .append(" migrations, ").append(report.errorCount()).append(" errors, ")
                .append(report.warningCount()).append(" warnings")
                .append(report.noticeCount() == 0 ? "" : ", " + report.noticeCount() + " notices for the reviewer").append('\n');
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<SubjectResult> results, boolean showLevel) {
        if (results.isEmpty()) return;
        out.append(title).append(":\n");
        for (SubjectResult r : results) {
            out.append(String.format("  %-4s %s", r.status(), r.subject()));
            if (showLevel) out.append(" (v").append(r.latestVersion()).append(", ").append(r.level()).append(')');
            out.append('\n');
            for (Finding f : r.findings()) line(out, "       ", f);
        }
    }

    private static void line(StringBuilder out, String indent, Finding f) {
        out.append(indent).append(f.label()).append(" [").append(f.check()).append("] ");
        if (!f.file().isEmpty()) out.append(f.file()).append(": ");
        out.append(f.message()).append('\n');
        if (!f.hint().isEmpty()) out.append(indent).append("  fix: ").append(f.hint()).append('\n');
    }
}
