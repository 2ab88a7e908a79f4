package io.avrogate.registry;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one registry in its own JVM: {@code java -cp ... io.avrogate.registry.RegistryMain --config FILE}. Prints
 * {@code listening on <url>} on stdout once it serves, and shuts down gracefully on SIGTERM/Ctrl-C. The CLI's
 * {@code avrogate registry} does the same with progress output; this entry point has no dependency beyond the
 * registry module, which is what the kill-and-restart tests launch.
 */
public final class RegistryMain {
    private RegistryMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("--config")) {
            System.err.println("usage: RegistryMain --config FILE");
            System.exit(2);
        }
        RegistryServer server;
        try {
            server = RegistryServer.start(RegistryConfig.load(Path.of(args[1])));
        } catch (Exception e) {
            System.err.println("registry failed to start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "registry-shutdown"));
        System.out.println("listening on " + server.url());
        System.out.flush();
        stopped.await();
    }
}
