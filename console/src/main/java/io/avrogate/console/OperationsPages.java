package io.avrogate.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.avrogate.serde.deadletter.DeadLetter;
import io.avrogate.server.auth.AccessControl;
import io.avrogate.server.auth.Operation;
import io.avrogate.server.auth.Permission;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/** The running side: migrations (the bridges' live status) and the dead-letter topics with their records. */
final class OperationsPages {
    /** Records shown per dead-letter topic: the newest ones. */
    static final int DEAD_LETTERS_SHOWN = 200;

    private final BridgeStatuses bridges;
    private final DeadLetterTopics deadLetters;
    private final AccessControl access;

    OperationsPages(BridgeStatuses bridges, DeadLetterTopics deadLetters, AccessControl access) {
        this.bridges = bridges;
        this.deadLetters = deadLetters;
        this.access = access;
    }

    void migrations(Context ctx) {
        List<BridgeStatuses.Status> statuses = bridges.read();
        StringBuilder body = new StringBuilder();
        if (statuses.isEmpty()) {
            body.append("<p class=\"muted\">No bridge is configured: start the console with <code>--bridge URL</code>"
                    + " (a bridge's HTTP address) for each running bridge.</p>");
        } else {
            body.append("<div class=\"scroll\"><table id=\"bridges\"><thead><tr><th scope=\"col\">Mapping</th><th scope=\"col\">Bridge</th>"
                    + "<th scope=\"col\">State</th><th scope=\"col\">Translated</th><th scope=\"col\">Dead-lettered</th>"
                    + "<th scope=\"col\">Lag</th></tr></thead><tbody>");
            for (BridgeStatuses.Status s : statuses) {
                JsonNode h = s.health();
                body.append("<tr><th scope=\"row\">").append(h == null ? "?" : Html.text(h.path("mapping").asText()))
                        .append("</th><td>").append(Html.text(s.url())).append("</td>");
                if (h == null) {
                    body.append("<td class=\"bad\" colspan=\"4\">").append(Html.text(s.problem())).append("</td>");
                } else {
                    body.append("<td class=\"").append("UP".equals(h.path("status").asText()) ? "ok" : "bad").append("\">")
                            .append(Html.text(h.path("state").asText())).append(h.has("failure") ? ": " + Html.text(h.get("failure").asText()) : "")
                            .append("</td><td>").append(h.path("translated").asLong()).append("</td><td>")
                            .append(h.path("deadLettered").asLong()).append("</td><td>")
                            .append(h.path("lag").asLong() < 0 ? "unknown" : h.path("lag").asLong()).append("</td>");
                }
                body.append("</tr>");
            }
            body.append("</tbody></table></div>");
        }
        body.append("<p>Whether a bridge may be switched off is answered by <code>./avrogate bridge status --mapping FILE</code>"
                + " (SAFE / NOT SAFE with its reasons).</p>");
        SubjectPages.html(ctx, "Migrations", "/migrations", body.toString());
    }

    void deadLetterTopics(Context ctx) {
        StringBuilder body = new StringBuilder();
        List<String> topics = deadLetters.topics().stream().filter(t -> mayRead(ctx, t)).toList();
        if (topics.isEmpty()) {
            body.append("<p class=\"muted\">No dead-letter topic you may read.</p>");
        } else {
            body.append("<ul id=\"dlq-topics\">");
            for (String t : topics) {
                body.append("<li><a href=\"/dead-letters/").append(Html.url(t)).append("\">").append(Html.text(t)).append("</a></li>");
            }
            body.append("</ul>");
        }
        SubjectPages.html(ctx, "Dead letters", "/dead-letters", body.toString());
    }

    void deadLetterTopic(Context ctx) {
        String topic = ctx.pathParam("topic");
        List<DeadLetterTopics.Entry> entries = deadLetters.read(topic, DEAD_LETTERS_SHOWN);
        StringBuilder body = new StringBuilder("<p>").append(entries.size()).append(entries.size() == 1 ? " record" : " records")
                .append(entries.size() == DEAD_LETTERS_SHOWN ? " (the newest)" : "").append("</p>");
        if (!entries.isEmpty()) {
            body.append("<div class=\"scroll\"><table id=\"dead-letters\"><thead><tr><th scope=\"col\">At</th>"
                    + "<th scope=\"col\">Stage</th><th scope=\"col\">Reason</th><th scope=\"col\">Original</th>"
                    + "<th scope=\"col\">Writer schema</th><th scope=\"col\">Value</th></tr></thead><tbody>");
            for (DeadLetterTopics.Entry e : entries) {
                DeadLetter d = e.letter();
                body.append("<tr><td>").append(e.partition()).append('@').append(e.offset()).append("</td><td>")
                        .append(d == null ? "?" : Html.text(d.stage() + (d.field() == null ? "" : " (" + d.field() + ")")))
                        .append("</td><td class=\"reason\">")
                        .append(d == null ? "no dead-letter headers" : Html.text(d.exceptionMessage()) + " <span class=\"muted\">("
                                + Html.text(d.exceptionClass()) + ", " + Html.text(d.component()) + ")</span>")
                        .append("</td><td>").append(d == null ? "" : Html.text(d.topic() + "-" + d.partition() + "@" + d.offset())
                                + (d.timestamp() < 0 ? "" : "<br><span class=\"muted\">" + Instant.ofEpochMilli(d.timestamp()) + "</span>"))
                        .append("</td><td>").append(e.writerId() < 0 ? "–" : "id " + e.writerId()).append("</td><td>")
                        .append(e.decoded() != null ? "<code>" + Html.text(e.decoded()) + "</code>"
                                : "<span class=\"muted\">" + Html.text(e.decodeFailed()) + "</span>")
                        .append("</td></tr>");
            }
            body.append("</tbody></table></div>");
        }
        SubjectPages.html(ctx, "Dead letters in " + topic, "/dead-letters", body.toString());
    }

    private boolean mayRead(Context ctx, String topic) {
        var principal = AccessControl.principal(ctx);
        return access.open() || (principal != null && access.allows(principal, Permission.topic(Operation.READ, topic)));
    }
}
