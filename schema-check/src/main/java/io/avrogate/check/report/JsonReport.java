package io.avrogate.check.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.avrogate.check.CheckReport;
import io.avrogate.check.SubjectResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Machine-readable output: the verdict, counts, and every subject's and mapping's findings. */
final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    static String render(CheckReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("passed", report.errorCount() == 0);
        root.put("errors", report.errorCount());
        root.put("warnings", report.warningCount());
        root.put("notices", report.noticeCount());
        root.put("checkedAgainst", report.source());
        root.put("against", report.against());
        root.put("general", report.general());
        root.put("subjects", results(report.subjects()));
        root.put("migrations", results(report.mappings()));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the report as JSON", e);
        }
    }

    private static List<Map<String, Object>> results(List<SubjectResult> results) {
        return results.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.subject());
            m.put("status", r.status());
            if (r.level() != null) {
                m.put("latestVersion", r.latestVersion());
                m.put("compatibility", r.level());
            }
            m.put("findings", r.findings());
            return m;
        }).toList();
    }
}
