package io.avrogate.cli;

import io.avrogate.bridge.BridgeConfig;
import io.avrogate.bridge.BridgeMetrics;
import io.avrogate.bridge.BridgeRunner;
import io.avrogate.bridge.status.DecommissionCheck;
import io.avrogate.bridge.status.DecommissionReport;
import io.avrogate.bridge.status.ObservationStore;
import java.io.PrintWriter;
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
                + " from schemas/migrations/. Settings: options (--bootstrap-servers, --registry, -D), then env"
                + " KAFKA_BOOTSTRAP_SERVERS and SCHEMA_REGISTRY_URL, then --config FILE.")
final class BridgeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    Settings settings;

    @Mixin
    StartupWait startup;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> merged = settings.merged(spec, true);
        BridgeConfig config = settings.load(spec, merged);
        startup.await(spec, "Kafka at " + merged.get(BridgeConfig.BOOTSTRAP_SERVERS),
                () -> KafkaProbe.problem(merged, "--bootstrap-servers", KafkaProbe.TIMEOUT));
        startup.await(spec, "the schema registry at " + RegistryClientOptions.displayUrl(merged),
                () -> RegistryProbe.problem(merged));
        PrintWriter out = spec.commandLine().getOut();
        try (BridgeRunner runner = start(config)) {
            out.println("bridging " + config.sourceTopic() + " -> " + config.targetTopic() + " with mapping '"
                    + config.mapping().name() + "' (dead letters: " + config.dlqTopic() + ")"
                    + (runner.httpPort() < 0 ? "" : "; /health and /metrics on port " + runner.httpPort()));
            out.flush();
            ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bridge-progress");
                t.setDaemon(true);
                return t;
            });
            CatchUp catchUp = new CatchUp();
            catchUp.line(runner.metrics(), System.nanoTime());
            progress.scheduleAtFixedRate(() -> progress(out, runner.metrics(), catchUp), 10, 10, TimeUnit.SECONDS);
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
                progress(out, runner.metrics(), catchUp);
            }
        }
        return 0;
    }

    private static BridgeRunner start(BridgeConfig config) {
        try {
            return BridgeRunner.start(config);
        } catch (RuntimeException e) {
            if (!Failure.isPortInUse(e)) throw e;
            throw new Failure("cannot listen on port " + config.originals().get(BridgeConfig.HTTP_PORT) + " for /health and"
                    + " /metrics: the port is already in use; stop what listens there, or set -D "
                    + BridgeConfig.HTTP_PORT + "=N (0 picks a free port)");
        }
    }

    /** Catch-up progress: counts, the rate since the last line and, while there is lag, when it will be caught up. */
    static final class CatchUp {
        private long lastTranslated = -1;
        private long lastNanos;

        synchronized String line(BridgeMetrics m, long now) {
            String rate = "";
            String eta = "";
            if (lastTranslated >= 0 && now > lastNanos) {
                double perSecond = (m.translated() - lastTranslated) / ((now - lastNanos) / 1e9);
                rate = String.format(java.util.Locale.ROOT, " (%,.0f records/s)", perSecond);
                if (m.lag() > 0 && perSecond >= 1) {
                    eta = ", caught up in ~" + Progress.eta(Duration.ofSeconds((long) (m.lag() / perSecond)));
                }
            }
            lastTranslated = m.translated();
            lastNanos = now;
            return "translated " + m.translated() + rate + ", dead-lettered " + m.deadLettered() + ", skipped (bridged)"
                    + " " + m.skippedBridged() + ", lag " + (m.lag() < 0 ? "unknown" : m.lag()) + eta;
        }
    }

    private static void progress(PrintWriter out, BridgeMetrics m, CatchUp catchUp) {
        out.println(catchUp.line(m, System.nanoTime()));
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
            Map<String, Object> merged = settings.merged(spec, false);
            BridgeConfig config = settings.load(spec, merged);
            Duration quiet = quietPeriod == null ? Duration.ofMillis(config.getLong(BridgeConfig.QUIET_PERIOD_MS))
                    : parseDuration(spec, quietPeriod);
            KafkaProbe.require(merged, "--bootstrap-servers");
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

        @Mixin
        ConnectionOptions connection;

        /** The process environment; replaced in tests. */
        Map<String, String> environment = System.getenv();

        /** The settings as a map (bootstrap.servers, schema.registry.url, bridge.*, consumer.*, producer.*). */
        Map<String, Object> merged(CommandLine.Model.CommandSpec spec, boolean needsRegistry) {
            requireMapping(spec);
            return needsRegistry ? connection.configsWithRegistry(spec.commandLine(), environment, false, Map.of())
                    : connection.configs(spec.commandLine(), environment, false, Map.of());
        }

        private void requireMapping(CommandLine.Model.CommandSpec spec) {
            if (mapping == null) {
                // Not a picocli 'required': the parent command's options would then be demanded before 'status'.
                throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--mapping=FILE'");
            }
            if (!Files.isRegularFile(mapping)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no mapping file " + mapping);
            }
        }

        BridgeConfig load(CommandLine.Model.CommandSpec spec, Map<String, Object> merged) {
            Map<String, Object> props = new HashMap<>(merged);
            props.put(BridgeConfig.MAPPING, mapping.toString());
            try {
                return BridgeRunner.config(props);
            } catch (ConfigException | io.avrogate.core.migration.InvalidMappingException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
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
