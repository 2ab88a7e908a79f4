package io.avrogate.cli;

import io.avrogate.registry.RegistryConfig;
import io.avrogate.registry.RegistryServer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code avrogate registry [--config FILE]}: runs the schema registry until interrupted. Settings come from the file
 * and from {@code SCHEMA_REGISTRY_*} environment variables (which win), named as Confluent's image names them.
 */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = {"Runs the Confluent-compatible schema registry, storing its state in a Kafka topic, until Ctrl-C.",
                "Settings come from options (-D, --bootstrap-servers), then SCHEMA_REGISTRY_* environment variables"
                        + " (e.g. SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS=kafka:9092, as for Confluent's image),"
                        + " then --config."})
final class RegistryCommand implements Callable<Integer>, EnvironmentSettings.Configured {
    /** The registry reads its settings' variables, and Kafka client settings under kafkastore. for its store. */
    static final EnvironmentSettings ENVIRONMENT = new EnvironmentSettings("SCHEMA_REGISTRY_", RegistryConfig.CONFIG_DEF,
            Map.of("kafkastore.", EnvironmentSettings.kafkaClientSettings()));

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "Kafka, where the registry keeps its state: sets kafkastore.bootstrap.servers.")
    String bootstrapServers;

    @Mixin
    StartupWait startup;

    /** The process environment; replaced in tests. */
    Map<String, String> environment = System.getenv();

    @Override
    public EnvironmentSettings environmentSettings() {
        return ENVIRONMENT;
    }

    @Override
    public Integer call() throws Exception {
        RegistryConfig registryConfig = settings();
        Map<String, Object> store = storeClientSettings(registryConfig);
        startup.await(spec, "Kafka at " + store.get("bootstrap.servers"),
                () -> KafkaProbe.problem(store, "kafkastore.bootstrap.servers (--bootstrap-servers,"
                        + " SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS)", KafkaProbe.TIMEOUT));
        try (RegistryServer server = start(registryConfig)) {
            spec.commandLine().getOut().println("schema registry listening on " + server.url());
            spec.commandLine().getOut().flush();
            awaitShutdown();
        }
        return 0;
    }

    RegistryConfig settings() {
        Map<String, Object> named = new HashMap<>();
        if (bootstrapServers != null) named.put(RegistryConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        Map<String, Object> props = config.merge(spec.commandLine(), Map.of(), ENVIRONMENT.read(environment), named);
        try {
            return new RegistryConfig(props);
        } catch (org.apache.kafka.common.config.ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage() + " (set it with -D, in --config"
                    + " FILE, or in " + ENVIRONMENT.prefix() + "* environment variables)");
        }
    }

    /** The Kafka client settings of the store: its bootstrap servers and whatever kafkastore.* passes on. */
    private static Map<String, Object> storeClientSettings(RegistryConfig registryConfig) {
        Map<String, Object> out = new HashMap<>();
        registryConfig.originals().forEach((key, value) -> {
            if (key.startsWith("kafkastore.")) out.put(key.substring("kafkastore.".length()), value);
        });
        return out;
    }

    private RegistryServer start(RegistryConfig registryConfig) {
        try {
            return RegistryServer.start(registryConfig);
        } catch (RuntimeException e) {
            if (!Failure.isPortInUse(e)) throw e;
            throw new Failure("cannot listen on " + registryConfig.originals().getOrDefault("listeners", "the registry's port")
                    + ": the port is already in use; stop what listens there, or set listeners (-D listeners=http://0.0.0.0:PORT,"
                    + " SCHEMA_REGISTRY_LISTENERS)");
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
