package io.avrogate.cli;

import io.avrogate.registry.RegistryConfig;
import io.avrogate.registry.RegistryServer;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code avrogate registry [--config FILE]}: runs the schema registry until interrupted. Settings come from the file
 * and from {@code SCHEMA_REGISTRY_*} environment variables (which win), named as Confluent's image names them.
 */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = {"Runs the Confluent-compatible schema registry, storing its state in a Kafka topic, until Ctrl-C.",
                "Settings come from --config and from SCHEMA_REGISTRY_* environment variables, which win"
                        + " (e.g. SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS=kafka:9092), as for Confluent's image."})
final class RegistryCommand implements Callable<Integer>, EnvironmentSettings.Configured {
    /** The registry reads its settings' variables, and Kafka client settings under kafkastore. for its store. */
    static final EnvironmentSettings ENVIRONMENT = new EnvironmentSettings("SCHEMA_REGISTRY_", RegistryConfig.CONFIG_DEF,
            Map.of("kafkastore.", EnvironmentSettings.kafkaClientSettings()));

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file with Confluent's setting names: listeners, kafkastore.bootstrap.servers, ...")
    Path config;

    /** The process environment; replaced in tests. */
    Map<String, String> environment = System.getenv();

    @Override
    public EnvironmentSettings environmentSettings() {
        return ENVIRONMENT;
    }

    @Override
    public Integer call() throws Exception {
        RegistryConfig registryConfig = settings();
        try (RegistryServer server = RegistryServer.start(registryConfig)) {
            spec.commandLine().getOut().println("schema registry listening on " + server.url());
            spec.commandLine().getOut().flush();
            awaitShutdown();
        }
        return 0;
    }

    RegistryConfig settings() {
        Properties props = new Properties();
        if (config != null) {
            try (Reader reader = Files.newBufferedReader(config)) {
                props.load(reader);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + config + ": " + e);
            }
        }
        props.putAll(ENVIRONMENT.read(environment));
        try {
            return new RegistryConfig(props);
        } catch (org.apache.kafka.common.config.ConfigException e) {
            String source = config != null ? config + " or " : "--config FILE or ";
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage() + " (set it in " + source
                    + ENVIRONMENT.prefix() + "* environment variables)");
        }
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
