package io.avrogate.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * How a service waits for what it depends on at start: it asks every few seconds, prints
 * {@code WARN still waiting for <what> (<N> s): <reason>} each time, and gives up (exit 1) after
 * {@code --startup-timeout}; {@code 0} waits for ever. A service started together with Kafka (docker compose,
 * Kubernetes) thus comes up when Kafka does, and a wrong address is visible at once instead of after a minute.
 */
final class StartupWait {
    static final Duration INTERVAL = Duration.ofSeconds(5);

    @Option(names = "--startup-timeout", paramLabel = "DURATION", defaultValue = "120s",
            description = "How long to wait at start for Kafka and the registry, warning every 5 s, before giving up"
                    + " with exit 1: e.g. 90s, 5m; 0 waits for ever (default: ${DEFAULT-VALUE}).")
    String timeout;

    /**
     * Waits until {@code probe} answers null (ready).
     *
     * @param what  e.g. "Kafka at kafka:9092"
     * @param probe null when ready, else the problem in one line
     * @throws Failure after the timeout, with the last problem
     */
    void await(picocli.CommandLine.Model.CommandSpec spec, String what, Supplier<String> probe) throws InterruptedException {
        Duration limit = BridgeCommand.parseDuration(spec, timeout.equals("0") ? "0s" : timeout);
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        while (true) {
            String problem = probe.get();
            if (problem == null) return;
            long waited = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            if (!limit.isZero() && Duration.ofNanos(System.nanoTime() - start).plus(INTERVAL).compareTo(limit) > 0) {
                throw new Failure(problem + " (gave up after " + waited + " s; --startup-timeout sets how long to wait)");
            }
            err.println("WARN still waiting for " + what + " (" + waited + " s): " + problem);
            err.flush();
            Thread.sleep(INTERVAL.toMillis());
        }
    }
}
