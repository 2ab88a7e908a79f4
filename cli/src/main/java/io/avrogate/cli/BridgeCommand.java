package io.avrogate.cli;

import io.avrogate.bridge.BridgeConfig;
import io.avrogate.bridge.BridgeMetrics;
import io.avrogate.bridge.BridgeRunner;
import io.avrogate.bridge.status.DecommissionCheck;
import io.avrogate.bridge.status.DecommissionReport;
import io.avrogate.bridge.status.ObservationStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code avrogate bridge --mapping FILE}: runs the migration bridge until Ctrl-C. {@code avrogate bridge status
 * --mapping FILE}: says whether it is safe to switch it off (exit 0 SAFE, 3 NOT SAFE).
 */
@Command(name = "bridge", mixinStandardHelpOptions = true,
        subcommands = BridgeCommand.Status.class,
        description = "Translates the records of a new topic into the old topic's schema, exactly once, with a mapping"
                + " from schemas/migrations/. Settings: --config FILE, then env KAFKA_BOOTSTRAP_SERVERS and"
                + " SCHEMA_REGISTRY_URL, then options.")
final class BridgeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    Settings settings;

    @Override
    public Integer call() throws Exception {
        BridgeConfig config = settings.load(spec, true);
        PrintWriter out = spec.commandLine().getOut();
        try (BridgeRunner runner = BridgeRunner.start(config)) {
            out.println("bridging " + config.sourceTopic() + " -> " + config.targetTopic() + " with mapping '"
                    + config.mapping().name() + "' (dead letters: " + config.dlqTopic() + ")"
                    + (runner.httpPort() < 0 ? "" : "; /health and /metrics on port " + runner.httpPort()));
            out.flush();
            ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bridge-progress");
                t.setDaemon(true);
                return t;
            });
            progress.scheduleAtFixedRate(() -> progress(out, runner.metrics()), 10, 10, TimeUnit.SECONDS);
            Thread main = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                Main.stopping = true;
                runner.stop();
                try {
                    main.join(15_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            try {
                runner.run();
            } finally {
                progress.shutdownNow();
                progress(out, runner.metrics());
            }
        }
        return 0;
    }

    private static void progress(PrintWriter out, BridgeMetrics m) {
        out.println("translated " + m.translated() + ", dead-lettered " + m.deadLettered() + ", skipped (bridged)"
                + " " + m.skippedBridged() + ", lag " + (m.lag() < 0 ? "unknown" : m.lag()));
        out.flush();
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Lists every consumer group of the old topic with its lag and last activity, the bridge's own"
                    + " lag, and says SAFE or NOT SAFE to switch the bridge off (exit 0 or 3).")
    static final class Status implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        Settings settings;

        @Option(names = "--quiet-period", paramLabel = "DURATION",
                description = "How long no other group may have read the old topic: e.g. 7d, 12h, 30m, 90s"
                        + " (default: bridge.status.quiet.period.ms, 7d).")
        String quietPeriod;

        @Override
        public Integer call() {
            BridgeConfig config = settings.load(spec, false);
            Duration quiet = quietPeriod == null ? Duration.ofMillis(config.getLong(BridgeConfig.QUIET_PERIOD_MS))
                    : parseDuration(spec, quietPeriod);
            Properties admin = config.clientProperties("admin");
            // A status query should answer or fail within seconds, not Kafka's default minute.
            admin.putIfAbsent("default.api.timeout.ms", "15000");
            admin.putIfAbsent("request.timeout.ms", "10000");
            DecommissionReport report;
            try (Admin client = Admin.create(admin);
                 ObservationStore store = new ObservationStore(client, config.getString(BridgeConfig.STATUS_TOPIC), admin)) {
                report = new DecommissionCheck(client, store, System::currentTimeMillis)
                        .run(config.targetTopic(), config.sourceTopic(), config.groupId(), quiet);
            }
            spec.commandLine().getOut().print(report.render(Instant.now()));
            spec.commandLine().getOut().flush();
            return report.safe() ? 0 : 3;
        }
    }

    /** Where the settings come from, shared by both commands. */
    static final class Settings {
        @Option(names = "--mapping", paramLabel = "FILE", description = "The mapping, e.g. schemas/migrations/ad-clicks-v2-to-v1.yaml.")
        Path mapping;

        @Option(names = "--config", paramLabel = "FILE", description = "A properties file: bootstrap.servers, schema.registry.url, bridge.*, consumer.*, producer.*.")
        Path config;

        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka brokers (overrides env KAFKA_BOOTSTRAP_SERVERS).")
        String bootstrapServers;

        @Option(names = "--registry-url", paramLabel = "URL", description = "Schema registry URL (overrides env SCHEMA_REGISTRY_URL).")
        String registryUrl;

        @Option(names = "-D", paramLabel = "KEY=VALUE", description = "Any other setting, e.g. -D bridge.instance.id=b1.")
        Map<String, String> overrides = new HashMap<>();

        BridgeConfig load(CommandLine.Model.CommandSpec spec, boolean needsRegistry) {
            Map<String, Object> props = new HashMap<>();
            if (config != null) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(config)) {
                    p.load(r);
                } catch (IOException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + config + ": " + e.getMessage());
                }
                p.forEach((k, v) -> props.put(k.toString(), v));
            }
            env("KAFKA_BOOTSTRAP_SERVERS", BridgeConfig.BOOTSTRAP_SERVERS, props);
            env("SCHEMA_REGISTRY_URL", BridgeConfig.SCHEMA_REGISTRY_URL, props);
            if (bootstrapServers != null) props.put(BridgeConfig.BOOTSTRAP_SERVERS, bootstrapServers);
            if (registryUrl != null) props.put(BridgeConfig.SCHEMA_REGISTRY_URL, registryUrl);
            props.putAll(overrides);
            if (mapping == null) {
                // Not a picocli 'required': the parent command's options would then be demanded before 'status'.
                throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--mapping=FILE'");
            }
            props.put(BridgeConfig.MAPPING, mapping.toString());
            if (!Files.isRegularFile(mapping)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no mapping file " + mapping);
            }
            if (!props.containsKey(BridgeConfig.BOOTSTRAP_SERVERS)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "no Kafka brokers: give --bootstrap-servers, KAFKA_BOOTSTRAP_SERVERS or bootstrap.servers in --config");
            }
            if (needsRegistry && !props.containsKey(BridgeConfig.SCHEMA_REGISTRY_URL)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "no schema registry: give --registry-url, SCHEMA_REGISTRY_URL or schema.registry.url in --config");
            }
            try {
                return BridgeRunner.config(props);
            } catch (ConfigException | io.avrogate.core.migration.InvalidMappingException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        private static void env(String name, String key, Map<String, Object> props) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) props.put(key, value);
        }
    }

    static Duration parseDuration(CommandLine.Model.CommandSpec spec, String text) {
        var m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)").matcher(text.trim());
        if (!m.matches()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "not a duration: '" + text + "' (e.g. 7d, 12h, 30m, 90s)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
