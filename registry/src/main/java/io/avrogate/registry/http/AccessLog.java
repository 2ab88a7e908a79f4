package io.avrogate.registry.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per request on the logger {@value #LOGGER} (silence it by setting that logger to WARN):
 * {@code GET /subjects/orders-value/versions 200 3ms}. The path is the client's and may be hostile, so control
 * characters are escaped (no forged log lines) and very long paths are cut.
 */
final class AccessLog {
    static final String LOGGER = "io.avrogate.registry.access";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final int MAX_PATH = 512;

    private AccessLog() {}

    static void request(String method, String path, int status, long nanos) {
        if (!log.isInfoEnabled()) return;
        log.info("{} {} {} {}ms", safe(method), safe(path), status, nanos / 1_000_000);
    }

    static String safe(String text) {
        if (text == null) return "-";
        StringBuilder out = null;
        int n = Math.min(text.length(), MAX_PATH);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean escape = Character.isISOControl(c) || c == ' ';
            if (escape && out == null) out = new StringBuilder(n + 16).append(text, 0, i);
            if (out != null) {
                if (escape) out.append(String.format("\\x%02x", (int) c & 0xff)); else out.append(c);
            }
        }
        String result = out == null ? text.substring(0, n) : out.toString();
        return text.length() > MAX_PATH ? result + "...(" + text.length() + " chars)" : result;
    }
}
