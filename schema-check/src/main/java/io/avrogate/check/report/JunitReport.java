package io.avrogate.check.report;

import io.avrogate.check.CheckReport;
import io.avrogate.check.Finding;
import io.avrogate.check.SubjectResult;
import java.util.ArrayList;
import java.util.List;

/** JUnit XML: one test case per subject and mapping, failing with its errors, so CI shows them as test results. */
final class JunitReport {
    private JunitReport() {}

    static String render(CheckReport report) {
        List<SubjectResult> all = new ArrayList<>(report.subjects());
        all.addAll(report.mappings());
        long failures = all.stream().filter(r -> r.status() == SubjectResult.Status.FAIL).count()
                + (report.general().stream().anyMatch(Finding::isError) ? 1 : 0);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"avrogate schema check\" tests=\"").append(all.size() + 1)
                .append("\" failures=\"").append(failures).append("\" errors=\"0\">\n");
        testcase(xml, "repository", "structure", report.general());
        for (SubjectResult r : report.subjects()) testcase(xml, "subjects", r.subject(), r.findings());
        for (SubjectResult r : report.mappings()) testcase(xml, "migrations", r.subject(), r.findings());
        return xml.append("</testsuite>\n").toString();
    }

    private static void testcase(StringBuilder xml, String classname, String name, List<Finding> findings) {
        xml.append("  <testcase classname=\"").append(attr(classname)).append("\" name=\"").append(attr(name)).append('"');
        List<Finding> errors = findings.stream().filter(Finding::isError).toList();
        List<Finding> warnings = findings.stream().filter(f -> !f.isError()).toList();
        if (errors.isEmpty() && warnings.isEmpty()) {
            xml.append("/>\n");
            return;
        }
        xml.append(">\n");
        if (!errors.isEmpty()) {
            xml.append("    <failure message=\"").append(attr(errors.get(0).message())).append("\">");
            for (Finding f : errors) xml.append(text(line(f))).append('\n');
            xml.append("</failure>\n");
        }
        if (!warnings.isEmpty()) {
            xml.append("    <system-out>");
            for (Finding f : warnings) xml.append(text(line(f))).append('\n');
            xml.append("</system-out>\n");
        }
        xml.append("  </testcase>\n");
    }

    private static String line(Finding f) {
        return "[" + f.check() + "] " + (f.file().isEmpty() ? "" : f.file() + ": ") + f.message()
                + (f.hint().isEmpty() ? "" : " (fix: " + f.hint() + ")");
    }

    private static String text(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", " ");
    }
}
