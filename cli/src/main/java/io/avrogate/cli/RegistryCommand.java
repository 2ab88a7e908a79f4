package io.avrogate.cli;

import io.avrogate.registry.RegistryConfig;
import io.avrogate.registry.RegistryServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code avrogate registry --config FILE}: runs the schema registry until interrupted. */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Runs the Confluent-compatible schema registry, storing its state in a Kafka topic, until Ctrl-C.")
final class RegistryCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "A properties file with Confluent's setting names: listeners, kafkastore.bootstrap.servers, ...")
    Path config;

    @Override
    public Integer call() throws Exception {
        RegistryConfig registryConfig;
        try {
            registryConfig = RegistryConfig.load(config);
        } catch (java.io.IOException | org.apache.kafka.common.config.ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), config + ": " + e.getMessage());
        }
        try (RegistryServer server = RegistryServer.start(registryConfig)) {
            spec.commandLine().getOut().println("schema registry listening on " + server.url());
            spec.commandLine().getOut().flush();
            awaitShutdown();
        }
        return 0;
    }

    /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM); the try-with-resources then shuts down cleanly. */
    static void awaitShutdown() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Main.stopping = true;
            stop.countDown();
            try {
                main.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        stop.await();
    }
}
