package io.avrogate.cli;

import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.EmbeddedKafka;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code avrogate up}: a local Kafka broker and schema registry in the foreground, for trying things out. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Starts a single-node Kafka broker (KRaft) and the schema registry in this process and keeps them"
                + " running until Ctrl-C.")
final class UpCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Broker port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "8081", description = "Registry port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int registryPort;

    @Option(names = "--data-dir", description = "Keep the broker's data here across restarts (default: a temporary directory).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        out.println("starting Kafka...");
        out.flush();
        EmbeddedKafka.Builder builder = EmbeddedKafka.builder().port(kafkaPort);
        if (dataDir != null) builder.dataDir(dataDir);
        try (EmbeddedKafka kafka = builder.start();
             RegistryServer registry = RegistryServer.start(Map.of(
                     "listeners", "http://127.0.0.1:" + registryPort,
                     "kafkastore.bootstrap.servers", kafka.bootstrapServers()))) {
            out.println("Kafka bootstrap servers: " + kafka.bootstrapServers());
            out.println("Schema registry:         " + registry.url());
            out.println("Press Ctrl-C to stop.");
            out.flush();
            RegistryCommand.awaitShutdown();
            out.println("stopping...");
            out.flush();
        }
        return 0;
    }
}
