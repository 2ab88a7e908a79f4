package io.avrogate.cli;

import io.avrogate.console.ConsoleServer;
import io.avrogate.server.ServerSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code avrogate console}: the web console, until Ctrl-C. */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"Runs the web console until Ctrl-C: subjects and search, versions with diffs, compatibility in"
                + " plain words, try a change, references and id lookup, the bridges' status and the dead-letter topics."
                + " Read-only; it reads the registry's REST API, Kafka and the bridges' /health.",
                "Kafka and the registry come from the environment (KAFKA_BOOTSTRAP_SERVERS or KAFKA_URL,"
                        + " SCHEMA_REGISTRY_URL, ...), then --config, then the options. The console's own listener and"
                        + " auth settings are server-common's names behind 'console.' (-D console.authentication.method=BASIC)."})
final class ConsoleCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--port", defaultValue = "8090", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Interface to listen on (default: ${DEFAULT-VALUE}; configure authentication before opening it wider).")
    String host;

    @Option(names = "--bridge", paramLabel = "URL",
            description = "A running bridge's HTTP address (e.g. http://localhost:8095), for the migrations page; repeatable.")
    List<String> bridges = List.of();

    @Option(names = "--dlq-topic", paramLabel = "TOPIC",
            description = "A dead-letter topic not named *.dlq, *-dlq or *.bridge-dlq; repeatable.")
    List<String> dlqTopics = List.of();

    @Override
    public Integer call() throws Exception {
        // -D (from the shared options) also takes the console's own settings, e.g. -D console.avrogate.authorization.acl.file=acl.yaml.
        Map<String, Object> configs = new LinkedHashMap<>(connection.configs(spec.commandLine(), System.getenv(), false,
                Map.of()));
        String listenHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        configs.put(ConsoleServer.PREFIX + ServerSettings.LISTENERS, "http://" + listenHost + ":" + port);
        configs.put(ConsoleServer.BRIDGE_URLS, String.join(",", bridges));
        configs.put(ConsoleServer.DLQ_TOPICS, String.join(",", dlqTopics));
        try (ConsoleServer console = ConsoleServer.start(configs)) {
            spec.commandLine().getOut().println("console listening on " + console.url() + "/subjects");
            spec.commandLine().getOut().flush();
            RegistryCommand.awaitShutdown();
        }
        return 0;
    }
}
