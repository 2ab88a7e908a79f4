package io.avrogate.bridge;

import io.avrogate.bridge.status.DecommissionCheck;
import io.avrogate.bridge.status.ObservationStore;
import io.avrogate.core.migration.MigrationMapping;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import io.avrogate.server.ServerSettings;
import io.avrogate.server.auth.AccessControl;
import io.avrogate.server.ReadinessCheck;
import io.avrogate.server.ReadinessChecks;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a whole bridge from its settings: the mapping, the registry lookups, the loop, /health and /metrics, and
 * the periodic sampling of the old topic's consumer groups. Also a plain {@code main} taking a properties file,
 * which is how the crash test runs a bridge as a child JVM.
 */
public final class BridgeRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BridgeRunner.class);

    private final BridgeConfig config;
    private final BridgeMetrics metrics;
    private final SchemaRegistryClient registry;
    private final AvroMappingTransform transform;
    private final MigrationBridge bridge;
    private final BridgeHttp http;
    private final AccessControl access;
    private final ScheduledExecutorService observer;
    private final Admin admin;
    /** Asked by /health/ready whether Kafka answers; null when the listener is off. */
    private final Admin readinessAdmin;
    private final ObservationStore observations;
    private final DecommissionCheck decommissionCheck;

    private BridgeRunner(BridgeConfig config) {
        this.config = config;
        Map<String, Object> registryProps = config.registryClientProperties();
        if (config.getString(BridgeConfig.SCHEMA_REGISTRY_URL).isBlank()) {
            throw new ConfigException(BridgeConfig.SCHEMA_REGISTRY_URL + " is required to bridge");
        }
        this.registry = SchemaRegistryClients.create(registryProps);
        this.transform = new AvroMappingTransform(config.mapping(), registry, registryProps, config.sourceTopic(), config.targetTopic(),
                config.getString(BridgeConfig.KEY_SUBJECT));
        log.info("translating {} v{} (id {}) into {} v{} (registered id {})", transform.source().subject(),
                transform.source().version(), transform.source().id(), transform.target().subject(),
                transform.target().version(), transform.target().id());
        try (Admin topics = Admin.create(config.clientProperties("admin"))) {
            TopicCheck.prepare(topics, config);
        }
        this.metrics = new BridgeMetrics(config.mapping().name());
        this.bridge = new MigrationBridge(config, transform, metrics);
        ServerSettings listener = config.serverSettings();
        // The bridge holds no schema ids of its own: its permissions are on the service "bridge".
        this.access = listener == null ? null : AccessControl.create(config.auth(), id -> List.of());
        if (listener == null) {
            this.readinessAdmin = null;
            this.http = null;
        } else {
            this.readinessAdmin = Admin.create(config.clientProperties("admin"));
            String registryUrl = config.getString(BridgeConfig.SCHEMA_REGISTRY_URL);
            Map<String, ReadinessCheck> dependencies = new LinkedHashMap<>();
            dependencies.put("kafka", ReadinessChecks.kafka(readinessAdmin, config.getString(BridgeConfig.BOOTSTRAP_SERVERS)));
            dependencies.put("registry", ReadinessChecks.reachable("the schema registry at " + registryUrl
                    + " (schema.registry.url)", ReadinessChecks.DEFAULT_REUSE, ReadinessChecks.DEFAULT_TIMEOUT,
                    registry::schemaTypes));
            this.http = BridgeHttp.start(listener, access, config.mapping().name(), metrics, dependencies);
        }
        long every = config.getLong(BridgeConfig.OBSERVE_INTERVAL_MS);
        if (every > 0) {
            // Built once: the observer thread reuses the same clients on every tick, and close() closes them.
            this.admin = Admin.create(config.clientProperties("admin"));
            this.observations = new ObservationStore(admin, config.getString(BridgeConfig.STATUS_TOPIC),
                    config.clientProperties("admin"));
            this.decommissionCheck = new DecommissionCheck(admin, observations, System::currentTimeMillis);
            this.observer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bridge-status-observer");
                t.setDaemon(true);
                return t;
            });
            observer.scheduleWithFixedDelay(this::observe, every, every, TimeUnit.MILLISECONDS);
        } else {
            this.admin = null;
            this.observations = null;
            this.decommissionCheck = null;
            this.observer = null;
        }
    }

    public static BridgeRunner start(BridgeConfig config) {
        return new BridgeRunner(config);
    }

    /** Reads the mapping file named by {@code bridge.mapping} and builds the config. */
    public static BridgeConfig config(Map<String, ?> props) {
        Object path = props.get(BridgeConfig.MAPPING);
        if (path == null || path.toString().isBlank()) throw new ConfigException(BridgeConfig.MAPPING + " is required");
        MigrationMapping mapping;
        try {
            mapping = MigrationMapping.parse(Files.readString(Path.of(path.toString())), path.toString());
        } catch (IOException e) {
            throw new ConfigException("cannot read the mapping " + path + ": " + e.getMessage());
        }
        return new BridgeConfig(props, mapping);
    }

    public BridgeMetrics metrics() {
        return metrics;
    }

    /** The /health and /metrics port, or -1 when off. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /** Bridges on the calling thread until {@link #stop()}. */
    public void run() {
        bridge.run();
    }

    public void stop() {
        bridge.stop();
    }

    /** One sample of the old topic's groups, so that 'bridge status' has a history to judge from. */
    private void observe() {
        try {
            decommissionCheck.run(config.targetTopic(), config.sourceTopic(), config.groupId(),
                            Duration.ofMillis(config.getLong(BridgeConfig.QUIET_PERIOD_MS)));
        } catch (RuntimeException e) {
            log.warn("could not sample the consumer groups of {}: {}", config.targetTopic(), e.toString());
        }
    }

    @Override
    public void close() {
        if (observer != null) {
            observer.shutdownNow();
            awaitObserver();
            observations.close(); // after the observer thread is done with its clients: they are single-threaded
            admin.close();
        }
        if (http != null) http.close();
        if (access != null) access.close();
        if (readinessAdmin != null) readinessAdmin.close(Duration.ofSeconds(5));
        transform.close();
        registry.close();
        metrics.close();
    }

    private void awaitObserver() {
        try {
            if (!observer.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("the status observer did not finish its sample within 30 s; closing its clients anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code BridgeRunner <bridge.properties>}: runs until killed; SIGTERM finishes the current batch. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BridgeRunner <bridge.properties>");
            System.exit(2);
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[0]))) {
            p.load(r);
        }
        Map<String, Object> props = new HashMap<>();
        p.forEach((k, v) -> props.put(k.toString(), v));
        BridgeRunner runner = start(config(props));
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.stop();
            try {
                main.join(10_000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            runner.run();
        } finally {
            runner.close();
        }
    }
}
