package io.avrogate.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of long work on stderr: a bar redrawn in place on a terminal, a plain line every few seconds otherwise
 * (logs and CI output stay readable).
 */
final class Progress {
    private static final long LINE_INTERVAL_NANOS = 5_000_000_000L;
    private static final long BAR_INTERVAL_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final String label;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long lastNanos = startNanos;

    /** @param total the amount of work (e.g. bytes of a file), 0 when unknown */
    Progress(PrintWriter err, boolean terminal, String label, long total) {
        this.err = err;
        this.terminal = terminal;
        this.label = label;
        this.total = total;
    }

    /** Whether this process writes to a terminal. */
    static boolean isTerminal() {
        return System.console() != null;
    }

    /** Reports {@code done} units and {@code records} so far, if it is time to. */
    void update(long done, long records) {
        long now = System.nanoTime();
        if (now - lastNanos < (terminal ? BAR_INTERVAL_NANOS : LINE_INTERVAL_NANOS)) return;
        lastNanos = now;
        draw(done, records, now);
    }

    /** The final state; on a terminal, ends the bar's line. */
    void finish(long done, long records) {
        if (terminal) {
            draw(done, records, System.nanoTime());
            err.println();
            err.flush();
        }
    }

    private void draw(long done, long records, long now) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        String rate = String.format(Locale.ROOT, "%,.0f records/s", records / seconds);
        String percent = total > 0 ? String.format(Locale.ROOT, "%3d%%", (int) Math.min(100, done * 100 / total)) : "";
        if (terminal) {
            int width = 30;
            int filled = total > 0 ? (int) Math.min(width, done * width / total) : 0;
            err.print("\r" + label + " [" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + percent + " "
                    + String.format(Locale.ROOT, "%,d", records) + " records, " + rate + "   ");
        } else {
            err.println(label + ": " + percent.trim() + (percent.isEmpty() ? "" : ", ")
                    + String.format(Locale.ROOT, "%,d", records) + " records, " + rate);
        }
        err.flush();
    }
}
