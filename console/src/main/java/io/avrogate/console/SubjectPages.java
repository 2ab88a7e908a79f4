package io.avrogate.console;

import io.avrogate.registry.client.SchemaReference;
import io.avrogate.registry.client.SchemaRegistryClient.SubjectVersionRef;
import io.avrogate.registry.client.SubjectVersion;
import io.avrogate.server.auth.AccessControl;
import io.avrogate.server.auth.Principal;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Predicate;

/** The subject list with search, a subject's page (versions, schema, references) and the id lookup. */
final class SubjectPages {
    /** Rows per page of the list: each row costs the registry a few requests. */
    static final int PAGE_SIZE = 50;

    private final SubjectCatalog catalog;
    private final AccessControl access;

    SubjectPages(SubjectCatalog catalog, AccessControl access) {
        this.catalog = catalog;
        this.access = access;
    }

    void list(Context ctx) {
        String query = ctx.queryParam("q") == null ? "" : ctx.queryParam("q");
        List<String> subjects = catalog.subjects(readable(ctx), query);
        int pages = Math.max(1, (subjects.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(pages, Math.max(1, intParam(ctx, "page", 1)));
        StringBuilder body = new StringBuilder();
        body.append("<form role=\"search\" method=\"get\" action=\"/subjects\"><label for=\"q\">Search subjects</label> ")
                .append("<input id=\"q\" name=\"q\" type=\"search\" value=\"").append(Html.text(query)).append("\"> ")
                .append("<button type=\"submit\">Search</button></form>");
        body.append("<form method=\"get\" action=\"/ids\"><label for=\"id\">Find schema id</label> ")
                .append("<input id=\"id\" name=\"id\" type=\"number\" min=\"0\"> <button type=\"submit\">Find</button></form>");
        body.append("<p class=\"count\">").append(subjects.size()).append(subjects.size() == 1 ? " subject" : " subjects")
                .append(query.isBlank() ? "" : " matching “" + Html.text(query) + "”").append("</p>");
        if (!subjects.isEmpty()) {
            body.append("<div class=\"scroll\"><table id=\"subjects\"><thead><tr><th scope=\"col\">Subject</th>"
                    + "<th scope=\"col\">Latest</th><th scope=\"col\">Id</th><th scope=\"col\">Versions</th>"
                    + "<th scope=\"col\">Compatibility</th><th scope=\"col\">Uses</th><th scope=\"col\">Description</th></tr></thead><tbody>");
            for (String subject : subjects.subList((page - 1) * PAGE_SIZE, Math.min(subjects.size(), page * PAGE_SIZE))) {
                SubjectCatalog.Summary s = catalog.summary(subject);
                body.append("<tr><th scope=\"row\"><a href=\"").append(subjectHref(subject)).append("\">")
                        .append(Html.text(subject)).append("</a></th><td>v").append(s.latestVersion()).append("</td><td>")
                        .append(s.latestId()).append("</td><td>").append(s.versionCount()).append("</td><td>")
                        .append(Html.text(s.level())).append("</td><td>").append(references(s.uses())).append("</td><td>")
                        .append(Html.text(s.description())).append("</td></tr>");
            }
            body.append("</tbody></table></div>");
        }
        if (pages > 1) {
            body.append("<nav aria-label=\"Pages\" class=\"pages\">");
            for (int p = 1; p <= pages; p++) {
                body.append(p == page ? "<span aria-current=\"page\">" + p + "</span> "
                        : "<a href=\"/subjects?q=" + Html.url(query) + "&amp;page=" + p + "\">" + p + "</a> ");
            }
            body.append("</nav>");
        }
        html(ctx, "Subjects", "/subjects", body.toString());
    }

    void subject(Context ctx) {
        String subject = ctx.pathParam("subject");
        String requested = ctx.queryParam("version");
        SubjectVersion shown = catalog.version(subject, requested == null ? "latest" : requested);
        List<Integer> versions = catalog.versions(subject);
        StringBuilder body = new StringBuilder();
        body.append("<p>Compatibility level <strong>").append(Html.text(catalog.level(subject))).append("</strong> · ")
                .append(versions.size()).append(versions.size() == 1 ? " version" : " versions").append(" · ")
                .append("<a href=\"").append(subjectHref(subject)).append("/try\">Try a change</a></p>");
        body.append("<section aria-labelledby=\"history\"><h2 id=\"history\">Versions</h2><ol class=\"versions\">");
        for (int v : versions) {
            body.append("<li>").append(v == shown.version() ? "<strong aria-current=\"true\">v" + v + "</strong>"
                    : "<a href=\"" + subjectHref(subject) + "?version=" + v + "\">v" + v + "</a>");
            if (versions.indexOf(v) > 0) {
                int previous = versions.get(versions.indexOf(v) - 1);
                body.append(" · <a href=\"").append(subjectHref(subject)).append("/diff?from=").append(previous)
                        .append("&amp;to=").append(v).append("\">diff with v").append(previous).append("</a>");
            }
            body.append("</li>");
        }
        body.append("</ol>");
        if (versions.size() > 1) body.append(diffForm(subject, versions));
        body.append("</section>");
        body.append("<section aria-labelledby=\"refs\"><h2 id=\"refs\">References</h2>")
                .append("<h3>v").append(shown.version()).append(" uses</h3>")
                .append(shown.content().references().isEmpty() ? "<p class=\"muted\">nothing</p>" : "<p>" + references(shown.content().references()) + "</p>")
                .append("<h3>Used by</h3>").append(usedBy(ctx, catalog.usedBy(subject, shown.version()))).append("</section>");
        body.append("<section aria-labelledby=\"schema\"><h2 id=\"schema\">Schema v").append(shown.version())
                .append(" (id ").append(shown.id()).append(")</h2>");
        try {
            body.append(SchemaTree.render(catalog.parse(shown)));
        } catch (RuntimeException e) {
            body.append("<p class=\"bad\">This version does not parse here: ").append(Html.text(e.getMessage())).append("</p>");
        }
        body.append("<details><summary>JSON</summary><pre class=\"json\">")
                .append(Html.text(SchemaDiff.pretty(shown.content().schema()))).append("</pre></details></section>");
        html(ctx, subject, "/subjects", body.toString());
    }

    void id(Context ctx) {
        int id = intParam(ctx, "id", -1);
        StringBuilder body = new StringBuilder();
        List<SubjectVersionRef> holders = id < 0 ? List.of() : catalog.holdersOf(id).stream()
                .filter(ref -> readable(ctx).test(ref.subject())).toList();
        if (holders.isEmpty()) {
            body.append("<p>No subject you may read holds schema id ").append(id).append(".</p>");
        } else {
            body.append("<ul>");
            for (SubjectVersionRef ref : holders) {
                body.append("<li><a href=\"").append(subjectHref(ref.subject())).append("?version=").append(ref.version())
                        .append("\">").append(Html.text(ref.subject())).append(" v").append(ref.version()).append("</a></li>");
            }
            body.append("</ul>");
        }
        html(ctx, "Schema id " + id, "/subjects", body.toString());
    }

    private String usedBy(Context ctx, List<SubjectVersionRef> refs) {
        List<SubjectVersionRef> visible = refs.stream().filter(r -> readable(ctx).test(r.subject())).toList();
        if (visible.isEmpty()) return "<p class=\"muted\">nothing" + (refs.isEmpty() ? "" : " you may read") + "</p>";
        StringBuilder out = new StringBuilder("<ul>");
        for (SubjectVersionRef r : visible) {
            out.append("<li><a href=\"").append(subjectHref(r.subject())).append("?version=").append(r.version()).append("\">")
                    .append(Html.text(r.subject())).append(" v").append(r.version()).append("</a></li>");
        }
        return out.append("</ul>").toString();
    }

    private static String diffForm(String subject, List<Integer> versions) {
        StringBuilder options = new StringBuilder();
        for (int v : versions) options.append("<option>").append(v).append("</option>");
        String from = options.toString().replace("<option>" + versions.get(versions.size() - 2) + "<",
                "<option selected>" + versions.get(versions.size() - 2) + "<");
        String to = options.toString().replace("<option>" + versions.get(versions.size() - 1) + "<",
                "<option selected>" + versions.get(versions.size() - 1) + "<");
        return "<form method=\"get\" action=\"" + subjectHref(subject) + "/diff\" class=\"inline\">"
                + "<label for=\"from\">Compare v</label><select id=\"from\" name=\"from\">" + from + "</select> "
                + "<label for=\"to\">with v</label><select id=\"to\" name=\"to\">" + to + "</select> "
                + "<button type=\"submit\">Show diff</button></form>";
    }

    static String references(List<SchemaReference> refs) {
        StringBuilder out = new StringBuilder();
        for (SchemaReference r : refs) {
            if (out.length() > 0) out.append(", ");
            out.append("<a href=\"").append(subjectHref(r.subject())).append("?version=").append(r.version()).append("\">")
                    .append(Html.text(r.name())).append("</a> (").append(Html.text(r.subject())).append(" v")
                    .append(r.version()).append(")");
        }
        return out.toString();
    }

    static String subjectHref(String subject) {
        return "/subjects/" + Html.url(subject);
    }

    Predicate<String> readable(Context ctx) {
        return access.readableSubjects(ctx);
    }

    static int intParam(Context ctx, String name, int fallback) {
        String value = ctx.queryParam(name);
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static void html(Context ctx, String title, String current, String body) {
        Principal principal = AccessControl.principal(ctx);
        String who = principal == null || principal.anonymous() ? null : principal.name();
        ctx.contentType("text/html; charset=utf-8").result(Html.page(title, current, who, body));
    }
}
