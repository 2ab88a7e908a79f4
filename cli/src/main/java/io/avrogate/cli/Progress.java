package io.avrogate.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress of long work on stderr, on a terminal only: a bar redrawn in place with the rate and the time left.
 * When stderr is not a terminal (CI, logs, pipes) it prints nothing: the command's summary says what was done.
 */
final class Progress {
    private static final long BAR_INTERVAL_NANOS = 200_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private final String label;
    private final long total;
    private final String unit;
    private final long startNanos = System.nanoTime();
    private long lastNanos = startNanos;
    private int lastLength;

    /**
     * @param total the amount of work (e.g. bytes of a file), 0 when unknown
     * @param unit  what {@code items} counts in {@link #update}, e.g. "records"
     */
    Progress(PrintWriter err, boolean terminal, String label, long total, String unit) {
        this.err = err;
        this.terminal = terminal;
        this.label = label;
        this.total = total;
        this.unit = unit;
    }

    /** Whether this process writes to a terminal. */
    static boolean isTerminal() {
        return System.console() != null;
    }

    /** Reports {@code done} units of work and {@code items} so far, if it is time to. */
    void update(long done, long items) {
        if (!terminal) return;
        long now = System.nanoTime();
        if (now - lastNanos < BAR_INTERVAL_NANOS) return;
        lastNanos = now;
        draw(done, items, now);
    }

    /** Erases the bar, so that a line can be printed where it was; the next update draws it again. */
    void clear() {
        if (!terminal || lastLength == 0) return;
        err.print("\r" + " ".repeat(lastLength) + "\r");
        err.flush();
        lastLength = 0;
        lastNanos = 0;
    }

    /** The final state; on a terminal, ends the bar's line. */
    void finish(long done, long items) {
        if (!terminal) return;
        draw(done, items, System.nanoTime());
        err.println();
        err.flush();
    }

    /** The bar's text: label, bar, percent, count, rate and, when the total is known, the time left. */
    String render(long done, long items, long now) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        StringBuilder line = new StringBuilder(label).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, done * WIDTH / total);
            line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%% ", (int) Math.min(100, done * 100 / total)));
        }
        line.append(String.format(Locale.ROOT, "%,d %s, %,.0f %s/s", items, unit, items / seconds, unit));
        if (total > 0 && done > 0 && done < total) {
            long left = (long) (seconds * (total - done) / done);
            line.append(", ETA ").append(eta(Duration.ofSeconds(left)));
        }
        return line.toString();
    }

    static String eta(Duration left) {
        long s = left.toSeconds();
        if (s < 60) return s + "s";
        if (s < 3600) return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    private void draw(long done, long items, long now) {
        String line = render(done, items, now);
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        lastLength = line.length();
        err.flush();
    }
}
