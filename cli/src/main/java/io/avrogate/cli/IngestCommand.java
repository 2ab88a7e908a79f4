package io.avrogate.cli;

import io.avrogate.ingest.IngestServer;
import io.avrogate.ingest.IngestSettings;
import io.avrogate.producer.AvroProducerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code avrogate ingest}: the JSON-over-HTTP ingest service, until Ctrl-C. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Runs the ingest service until Ctrl-C: POST /topics/{topic} takes one JSON event, a JSON array or"
                + " NDJSON, converts each event to the topic's latest value schema (<topic>-value) and produces the valid"
                + " ones; invalid events are answered with 422 naming the field and the reason.",
                "Kafka and the registry come from the options, then the environment (KAFKA_BOOTSTRAP_SERVERS or"
                        + " KAFKA_URL, SCHEMA_REGISTRY_URL, KAFKA_CLIENT_CERT...), then --config.",
                "The HTTP listener (TLS, limits, authentication, ACL file) is configured with --server-config, by the"
                        + " names every avrogate listener reads (docs/configuration.md, 'Ingest service')."})
final class IngestCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    StartupWait startup;

    /** The process environment; replaced in tests. */
    Map<String, String> environment = System.getenv();

    @Option(names = "--port", defaultValue = "8088", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--host", defaultValue = IngestSettings.DEFAULT_HOST,
            description = "Interface to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--server-config", paramLabel = "FILE",
            description = "The listener's settings, a properties file: listeners, ssl.keystore.location, ...,"
                    + " authentication.method, avrogate.authentication.credentials.file, avrogate.authorization.acl.file."
                    + " Apart from --config because Kafka clients read ssl.* names of their own.")
    Path serverConfig;

    @Option(names = "--max-body-bytes", defaultValue = "5242880",
            description = "Larger request bodies are refused with 413 (default: ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(names = "--schema-ttl", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long a topic's latest schema is used before asking the registry again (default: ${DEFAULT-VALUE}).")
    long schemaTtlSeconds;

    @Option(names = "--trust-forwarded-for", description = "Take the client address from X-Forwarded-For (behind your own proxy).")
    boolean trustForwardedFor;

    @Option(names = "--no-capture-metadata", negatable = true, defaultValue = "true",
            description = "Put receive time and client address into the event's metadata record, where the schema has one (default: on).")
    boolean captureMetadata;

    @Mixin
    JsonConversionOptions jsonConversion;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> configs = connection.configsWithRegistry(spec.commandLine(), environment, true, Map.of());
        // A mistake in the listener's settings is a usage error now, not after waiting for Kafka and the registry.
        Map<String, Object> listenerSettings = serverConfigs();
        startup.await(spec, "Kafka at " + configs.get("bootstrap.servers"),
                () -> KafkaProbe.problem(configs, "--bootstrap-servers", KafkaProbe.TIMEOUT));
        startup.await(spec, "the schema registry at " + RegistryClientOptions.displayUrl(configs),
                () -> RegistryProbe.problem(configs));
        IngestSettings settings = IngestSettings.defaults()
                .withListener(host, port)
                .withMaxBodyBytes(maxBodyBytes)
                .withSchemaTtl(Duration.ofSeconds(schemaTtlSeconds))
                .withTrustForwardedFor(trustForwardedFor)
                .withConverter(jsonConversion.toOptions())
                .withEnrichers(captureMetadata, List.of())
                .withServerConfigs(listenerSettings);
        try (IngestServer server = start(settings, configs)) {
            spec.commandLine().getOut().println("ingest service listening on " + server.url()
                    + " (POST /topics/{topic}, GET /health)");
            spec.commandLine().getOut().flush();
            RegistryCommand.awaitShutdown();
            spec.commandLine().getOut().println("stopping: finishing requests and flushing accepted events...");
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private Map<String, Object> serverConfigs() {
        if (serverConfig == null) return Map.of();
        try {
            Map<String, Object> configs = AvroProducerConfig.load(serverConfig);
            // Validated here so that a mistake is a usage error naming the file, not a stack trace at startup.
            new AbstractConfig(IngestSettings.CONFIG_DEF, configs, false);
            return configs;
        } catch (IOException | ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--server-config " + serverConfig + ": " + e.getMessage());
        }
    }

    private IngestServer start(IngestSettings settings, Map<String, Object> configs) {
        try {
            return IngestServer.start(settings, configs);
        } catch (RuntimeException e) {
            if (!Failure.isPortInUse(e)) throw e;
            throw new Failure("cannot listen on " + host + ":" + port + ": the port is already in use; stop what listens"
                    + " there, or pass --port N (0 picks a free port)");
        }
    }
}
