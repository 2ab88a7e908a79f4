package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Progress shows a rate and the time left on a terminal, and nothing at all elsewhere (CI, pipes). */
class ProgressTest {
    @Test
    void aTerminalGetsRateAndEta() throws Exception {
        StringWriter err = new StringWriter();
        Progress progress = new Progress(new PrintWriter(err), true, "produce t", 1000, "records");
        long start = System.nanoTime();
        String line = progress.render(250, 500, start + 2_000_000_000L);
        assertThat(line).startsWith("produce t [#######").contains(" 25% ").contains("500 records")
                .containsPattern("2\\d\\d records/s").contains("ETA 6s");
        progress.finish(1000, 2000);
        assertThat(err.toString()).contains("100%").contains("2,000 records").endsWith(System.lineSeparator());
    }

    @Test
    void elsewhereItIsQuiet() {
        StringWriter err = new StringWriter();
        Progress progress = new Progress(new PrintWriter(err), false, "register", 6, "subjects");
        for (int i = 1; i <= 6; i++) progress.update(i, i);
        progress.clear();
        progress.finish(6, 6);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void etaReadsLikeADuration() {
        assertThat(Progress.eta(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(Progress.eta(Duration.ofSeconds(125))).isEqualTo("2m05s");
        assertThat(Progress.eta(Duration.ofMinutes(185))).isEqualTo("3h05m");
    }
}
