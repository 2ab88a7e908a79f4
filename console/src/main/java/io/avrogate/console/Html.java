package io.avrogate.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.commons.text.StringEscapeUtils;

/**
 * The page shell every console page shares, and the two escapes pages need. Pages are plain server-rendered HTML:
 * no script, so they work without JavaScript, are keyboard-navigable by nature, and load nothing from elsewhere.
 */
final class Html {
    private Html() {}

    /** Text for an element's content or a quoted attribute. */
    static String text(Object value) {
        return value == null ? "" : StringEscapeUtils.escapeHtml4(value.toString());
    }

    /** A path segment or query value (subject names may hold anything). */
    static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The whole document around a page's body; {@code current} marks the navigation entry of this page. */
    static String page(String title, String current, String principal, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · avrogate console</title>
                <link rel="icon" href="data:,">
                <link rel="stylesheet" href="/assets/console.css">
                </head>
                <body>
                <a class="skip" href="#main">Skip to content</a>
                <header>
                <nav aria-label="Main">
                <a class="brand" href="/">avrogate</a>
                %s
                %s
                %s
                </nav>
                %s
                </header>
                <main id="main">
                <h1>%s</h1>
                %s
                </main>
                </body>
                </html>
                """.formatted(text(title),
                nav("/subjects", "Subjects", current),
                nav("/migrations", "Migrations", current),
                nav("/dead-letters", "Dead letters", current),
                principal == null ? "" : "<p class=\"who\">signed in as <strong>" + text(principal) + "</strong></p>",
                text(title), body);
    }

    private static String nav(String href, String label, String current) {
        return "<a href=\"" + href + "\"" + (href.equals(current) ? " aria-current=\"page\"" : "") + ">" + label + "</a>";
    }
}
