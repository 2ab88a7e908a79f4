package io.avrogate.check.report;

import io.avrogate.check.CheckReport;
import java.util.Locale;

/** The ways a check report can be written: for a terminal, a pull-request comment, CI test reports, or tools. */
public enum ReportFormat {
    TEXT, MARKDOWN, JUNIT, JSON;

    public String render(CheckReport report) {
        return switch (this) {
            case TEXT -> TextReport.render(report);
            case MARKDOWN -> MarkdownReport.render(report);
            case JUNIT -> JunitReport.render(report);
            case JSON -> JsonReport.render(report);
        };
    }

    public static ReportFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + text + "' (text, markdown, junit or json)");
        }
    }
}
