package io.avrogate.registry;

import io.avrogate.server.ServerSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The registry's settings, with Confluent's names where Confluent has one, declared once with Kafka's
 * {@link ConfigDef} (type, default, validation, doc) so that the reference documentation is generated from here.
 * Settings under {@code kafkastore.} that are not listed below (security.protocol, sasl.*, ssl.*) are passed to the
 * Kafka clients of the store.
 */
public final class RegistryConfig extends AbstractConfig {
    public static final String LISTENERS = ServerSettings.LISTENERS;
    public static final String BOOTSTRAP_SERVERS = "kafkastore.bootstrap.servers";
    public static final String TOPIC = "kafkastore.topic";
    public static final String TOPIC_REPLICATION_FACTOR = "kafkastore.topic.replication.factor";
    public static final String TIMEOUT_MS = "kafkastore.timeout.ms";
    public static final String COMPATIBILITY_LEVEL = "schema.compatibility.level";
    public static final String MAX_SCHEMA_BYTES = "avrogate.schema.max.bytes";
    public static final String MAX_REQUEST_BYTES = ServerSettings.MAX_REQUEST_BYTES;
    public static final String SHUTDOWN_TIMEOUT_MS = "avrogate.shutdown.timeout.ms";
    public static final String WRITE_MAX_ATTEMPTS = "avrogate.write.max.attempts";
    public static final String THREAD_POOL_MAX = ServerSettings.THREAD_POOL_MAX;

    private static final Set<String> OWN_STORE_KEYS = Set.of(BOOTSTRAP_SERVERS, TOPIC, TOPIC_REPLICATION_FACTOR, TIMEOUT_MS);

    /**
     * The listener settings (listeners, ssl.*, limits) and the authentication and authorization settings
     * (authentication.method, the credentials and ACL files, ...) are server-common's, as on every avrogate listener.
     */
    public static final ConfigDef CONFIG_DEF = io.avrogate.server.auth.AuthConfig.addTo(
            ServerSettings.define(new ConfigDef(), "http://0.0.0.0:8081", 2L * 1024 * 1024)
            .define(BOOTSTRAP_SERVERS, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                    "Kafka bootstrap servers of the cluster that holds the registry's state.")
            .define(TOPIC, Type.STRING, "_schemas", Importance.HIGH,
                    "The single-partition compacted topic the state is stored in. Created if missing; a topic whose"
                            + " cleanup.policy is not compact is refused.")
            .define(TOPIC_REPLICATION_FACTOR, Type.SHORT, (short) 3, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                    "Replication factor when the topic is created (capped at the number of brokers).")
            .define(TIMEOUT_MS, Type.INT, 10_000, ConfigDef.Range.atLeast(100), Importance.MEDIUM,
                    "How long a write waits for Kafka and for the local state to catch up before failing with 50002.")
            .define(COMPATIBILITY_LEVEL, Type.STRING, "BACKWARD", Importance.HIGH,
                    "The default compatibility level: NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD,"
                            + " FORWARD_TRANSITIVE, FULL or FULL_TRANSITIVE.")
            .define(MAX_SCHEMA_BYTES, Type.INT, 512 * 1024, ConfigDef.Range.atLeast(1024), Importance.LOW,
                    "Largest schema text accepted, in bytes; larger registrations fail with 42209.")
            .define(WRITE_MAX_ATTEMPTS, Type.INT, 10, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "How often a write is attempted when another registry instance on the same topic keeps taking"
                            + " over the writer role; after that the request fails with 50001.")
            .define(SHUTDOWN_TIMEOUT_MS, Type.LONG, 10_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "On shutdown, how long requests already in progress get to finish after the listener stops"
                            + " accepting, before the store is closed."));

    public RegistryConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props);
        io.avrogate.core.CompatibilityLevel.parse(getString(COMPATIBILITY_LEVEL)).orElseThrow(() ->
                new org.apache.kafka.common.config.ConfigException(COMPATIBILITY_LEVEL, getString(COMPATIBILITY_LEVEL),
                        "not a compatibility level"));
    }

    public static RegistryConfig load(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        }
        return new RegistryConfig(props);
    }

    /** Where and how the HTTP API listens. */
    public ServerSettings serverSettings() {
        return ServerSettings.from(this);
    }

    public io.avrogate.core.CompatibilityLevel defaultLevel() {
        return io.avrogate.core.CompatibilityLevel.parse(getString(COMPATIBILITY_LEVEL)).orElseThrow();
    }

    /** Extra client settings for the store's Kafka clients (security and the like), without the prefix. */
    public Map<String, Object> kafkaClientOverrides() {
        Map<String, Object> out = new HashMap<>();
        originalsWithPrefix("kafkastore.", false).forEach((k, v) -> {
            if (!OWN_STORE_KEYS.contains(k)) out.put(k.substring("kafkastore.".length()), v);
        });
        return out;
    }
}
