package io.avrogate.console;

import com.github.difflib.text.DiffRow;
import io.avrogate.core.CompatibilityLevel;
import io.avrogate.core.InvalidSchemaException;
import io.avrogate.core.VersionedSchema;
import io.avrogate.registry.client.SubjectVersion;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Changes to a subject: the side-by-side diff of two versions with the changes classified and the verdict under each
 * level, and "try a change", which judges a pasted schema against the subject without registering anything.
 */
final class ChangePages {
    private final SubjectCatalog catalog;

    ChangePages(SubjectCatalog catalog) {
        this.catalog = catalog;
    }

    void diff(Context ctx) {
        String subject = ctx.pathParam("subject");
        SubjectVersion from = catalog.version(subject, Optional.ofNullable(ctx.queryParam("from")).orElse("1"));
        SubjectVersion to = catalog.version(subject, Optional.ofNullable(ctx.queryParam("to")).orElse("latest"));
        Schema before = catalog.parse(from);
        Schema after = catalog.parse(to);
        String back = SubjectPages.subjectHref(subject);
        StringBuilder body = new StringBuilder("<p><a href=\"").append(back).append("\">← ").append(Html.text(subject))
                .append("</a></p>");
        body.append("<section aria-labelledby=\"verdicts\"><h2 id=\"verdicts\">Compatibility of v").append(to.version())
                .append(" as a change of v").append(from.version()).append("</h2>")
                .append(verdicts(Verdicts.pair(new VersionedSchema(from.version(), before), after, "v" + to.version())))
                .append("</section>");
        List<SchemaDiff.Change> changes = SchemaDiff.changes(before, after);
        body.append("<section aria-labelledby=\"changes\"><h2 id=\"changes\">Changes</h2>");
        if (changes.isEmpty()) {
            body.append("<p class=\"muted\">No field changes.</p>");
        } else {
            body.append("<table id=\"changes-table\"><thead><tr><th scope=\"col\">Change</th><th scope=\"col\">Field</th>"
                    + "<th scope=\"col\">v").append(from.version()).append("</th><th scope=\"col\">v").append(to.version())
                    .append("</th></tr></thead><tbody>");
            for (SchemaDiff.Change c : changes) {
                body.append("<tr class=\"").append(c.kind().name().toLowerCase(java.util.Locale.ROOT)).append("\"><td>")
                        .append(kindText(c.kind())).append("</td><td><code>").append(Html.text(c.path())).append("</code></td><td>")
                        .append(Html.text(c.before())).append("</td><td>").append(Html.text(c.after())).append("</td></tr>");
            }
            body.append("</tbody></table>");
        }
        body.append("</section><section aria-labelledby=\"side\"><h2 id=\"side\">Side by side</h2>")
                .append(sideBySide(from.version(), to.version(), from.content().schema(), to.content().schema()))
                .append("</section>");
        SubjectPages.html(ctx, subject + ": v" + from.version() + " → v" + to.version(), "/subjects", body.toString());
    }

    void tryChange(Context ctx) {
        String subject = ctx.pathParam("subject");
        SubjectVersion latest = catalog.version(subject, "latest");
        String proposed = ctx.formParam("schema");
        String text = proposed == null ? SchemaDiff.pretty(latest.content().schema()) : proposed;
        StringBuilder body = new StringBuilder("<p><a href=\"").append(SubjectPages.subjectHref(subject)).append("\">← ")
                .append(Html.text(subject)).append("</a></p>");
        body.append("<p>Edit the schema and check it against every registered version of the subject. Nothing is"
                + " registered.</p>");
        body.append("<form method=\"post\" action=\"").append(SubjectPages.subjectHref(subject)).append("/try\">")
                .append("<label for=\"schema\">Proposed schema</label>")
                .append("<textarea id=\"schema\" name=\"schema\" rows=\"18\" spellcheck=\"false\">").append(Html.text(text))
                .append("</textarea><button type=\"submit\">Check compatibility</button></form>");
        if (proposed != null) body.append(judgement(subject, latest, proposed));
        SubjectPages.html(ctx, "Try a change to " + subject, "/subjects", body.toString());
    }

    private String judgement(String subject, SubjectVersion latest, String proposed) {
        Schema candidate;
        try {
            candidate = catalog.parseCandidate(proposed, latest);
        } catch (InvalidSchemaException e) {
            return "<section aria-labelledby=\"verdicts\" class=\"verdict bad\"><h2 id=\"verdicts\">Not a valid schema</h2><p>"
                    + Html.text(e.getMessage()) + "</p></section>";
        }
        List<VersionedSchema> history = catalog.history(subject);
        String label = "v" + (latest.version() + 1);
        CompatibilityLevel own = CompatibilityLevel.parse(catalog.level(subject)).orElse(CompatibilityLevel.BACKWARD);
        Verdicts.LevelVerdict underOwn = Verdicts.judge(candidate, history, own, label);
        StringBuilder out = new StringBuilder("<section aria-labelledby=\"verdicts\"><h2 id=\"verdicts\">Verdict</h2>");
        out.append("<p class=\"verdict ").append(underOwn.compatible() ? "ok" : "bad").append("\" id=\"own-verdict\">")
                .append(underOwn.compatible() ? "Compatible" : "Not compatible").append(" under the subject's level ")
                .append(own).append(" (").append(Html.text(Verdicts.meaning(own))).append(").</p>");
        out.append("<h3>Under every level</h3>")
                .append(verdicts(Verdicts.everyLevel(candidate, history, label))).append("</section>");
        return out.toString();
    }

    private static String verdicts(List<Verdicts.LevelVerdict> verdicts) {
        StringBuilder out = new StringBuilder("<ul class=\"levels\">");
        for (Verdicts.LevelVerdict v : verdicts) {
            out.append("<li class=\"").append(v.compatible() ? "ok" : "bad").append("\" data-level=\"").append(v.level())
                    .append("\"><strong>").append(v.level()).append("</strong>: ")
                    .append(v.compatible() ? "compatible" : "breaks").append(" <span class=\"muted\">(")
                    .append(Html.text(Verdicts.meaning(v.level()))).append(")</span>");
            if (!v.lines().isEmpty()) {
                out.append("<ul>");
                for (String line : v.lines()) out.append("<li>").append(Html.text(line)).append("</li>");
                out.append("</ul>");
            }
            out.append("</li>");
        }
        return out.append("</ul>").toString();
    }

    private static String sideBySide(int fromVersion, int toVersion, String oldText, String newText) {
        StringBuilder out = new StringBuilder("<div class=\"scroll\"><table class=\"diff\"><thead><tr><th scope=\"col\">v")
                .append(fromVersion).append("</th><th scope=\"col\">v").append(toVersion).append("</th></tr></thead><tbody>");
        for (DiffRow row : SchemaDiff.sideBySide(oldText, newText)) {
            String tag = row.getTag().name().toLowerCase(java.util.Locale.ROOT);
            out.append("<tr class=\"").append(tag).append("\"><td><pre>").append(Html.text(row.getOldLine()))
                    .append("</pre></td><td><pre>").append(Html.text(row.getNewLine())).append("</pre></td></tr>");
        }
        return out.append("</tbody></table></div>").toString();
    }

    private static String kindText(SchemaDiff.Kind kind) {
        return switch (kind) {
            case ADDED -> "added";
            case REMOVED -> "removed";
            case TYPE_CHANGE -> "type change";
            case DEFAULT_CHANGE -> "default change";
        };
    }
}
