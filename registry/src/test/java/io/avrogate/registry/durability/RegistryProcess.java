package io.avrogate.registry.durability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A registry in a child JVM ({@code io.avrogate.registry.RegistryMain}) on the test's class path, so that it can be
 * killed like a real process: {@link #kill()} is SIGKILL, with no shutdown hook and no chance to flush anything.
 */
final class RegistryProcess {
    private final Process process;
    private final Path log;
    private final String url;

    private RegistryProcess(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /**
     * Starts the child and waits until it prints its URL (it has replayed the store and serves). {@code log} gets
     * the child's output and must be a new file for every start.
     */
    static RegistryProcess start(Path config, Path log) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.avrogate.registry.RegistryMain", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            for (String line : lines) {
                if (line.startsWith("listening on ")) {
                    return new RegistryProcess(process, log, line.substring("listening on ".length()).trim());
                }
            }
            if (!process.isAlive()) throw new IllegalStateException("the registry exited with " + process.exitValue() + "; see " + log);
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the registry did not start within 90 s; see " + log);
    }

    String url() {
        return url;
    }

    /** SIGKILL: the JVM dies at once, mid-request, mid-transaction, wherever it is. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: the shutdown hook stops the server gracefully. */
    int stop() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    Path log() {
        return log;
    }
}
