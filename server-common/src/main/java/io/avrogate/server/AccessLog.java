package io.avrogate.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per request on a service's access logger (silence it by setting that logger to WARN):
 * {@code GET /subjects/orders-value/versions 200 3ms}. The path is the client's and may be hostile, so control
 * characters are escaped (no forged log lines) and very long paths are cut.
 */
public final class AccessLog {
    private static final int MAX_PATH = 512;
    private final Logger log;

    public AccessLog(String loggerName) {
        this.log = LoggerFactory.getLogger(loggerName);
    }

    public void request(String method, String path, int status, long nanos) {
        if (!log.isInfoEnabled()) return;
        log.info("{} {} {} {}ms", safe(method), safe(path), status, nanos / 1_000_000);
    }

    /** The text with control characters and spaces escaped and cut to a bounded length, fit for one log line. */
    public static String safe(String text) {
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
