package io.avrogate.bridge;

import io.avrogate.core.migration.MigrationMapping;
import io.avrogate.server.ServerSettings;
import io.avrogate.server.auth.AuthConfig;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The bridge's settings. Kafka and registry keys keep their usual names ({@code bootstrap.servers},
 * {@code schema.registry.url}, {@code basic.auth.*}); bridge keys start with {@code bridge.}; any key prefixed with
 * {@code consumer.}, {@code producer.} or {@code admin.} is passed (without the prefix) to that client. The HTTP
 * listener ({@code /health}, {@code /metrics}) reads the settings every avrogate listener reads ({@code listeners},
 * {@code ssl.*}, limits, {@code authentication.method}, the ACL file): the Kafka clients' own {@code ssl.*} carry
 * their prefix, so the names do not clash.
 */
public final class BridgeConfig extends AbstractConfig {
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String MAPPING = "bridge.mapping";
    public static final String SOURCE_TOPIC = "bridge.source.topic";
    public static final String TARGET_TOPIC = "bridge.target.topic";
    public static final String DLQ_TOPIC = "bridge.dlq.topic";
    public static final String KEY_SUBJECT = "bridge.key.subject";
    public static final String GROUP_ID = "bridge.group.id";
    public static final String INSTANCE_ID = "bridge.instance.id";
    public static final String HTTP_PORT = "bridge.http.port";
    public static final String HTTP_HOST = "bridge.http.host";
    public static final String POLL_TIMEOUT_MS = "bridge.poll.timeout.ms";
    public static final String STATUS_TOPIC = "bridge.status.topic";
    public static final String QUIET_PERIOD_MS = "bridge.status.quiet.period.ms";
    public static final String OBSERVE_INTERVAL_MS = "bridge.status.observe.interval.ms";

    /** The endpoints take no request bodies; anything larger than this is refused with 413. */
    static final long MAX_REQUEST_BYTES = 64 * 1024;
    private static final String DEFAULT_HTTP_HOST = "127.0.0.1";
    private static final int DEFAULT_HTTP_PORT = 8095;

    /** The listener's own settings (server-common's and the authentication settings), kept from the registry client. */
    private static final ConfigDef LISTENER_DEF = AuthConfig.addTo(ServerSettings.define(new ConfigDef(),
            "http://" + DEFAULT_HTTP_HOST + ":" + DEFAULT_HTTP_PORT, MAX_REQUEST_BYTES));

    private static final ConfigDef CONFIG_DEF = new ConfigDef(LISTENER_DEF)
            .define(BOOTSTRAP_SERVERS, Type.STRING, Importance.HIGH, "Kafka brokers.")
            .define(SCHEMA_REGISTRY_URL, Type.STRING, "", Importance.HIGH,
                    "Schema registry URL(s), comma-separated. Required to translate; not needed by 'bridge status'.")
            .define(MAPPING, Type.STRING, Importance.HIGH, "Path of the mapping file (schemas/migrations/<name>.yaml).")
            .define(SOURCE_TOPIC, Type.STRING, "", Importance.MEDIUM,
                    "The new topic to read; default: the mapping's source subject without '-value'.")
            .define(TARGET_TOPIC, Type.STRING, "", Importance.MEDIUM,
                    "The old topic to write; default: the mapping's target subject without '-value'.")
            .define(DLQ_TOPIC, Type.STRING, "", Importance.MEDIUM,
                    "Dead-letter topic for records that cannot be bridged; default: <source topic>.bridge-dlq.")
            .define(KEY_SUBJECT, Type.STRING, "", Importance.MEDIUM,
                    "The old topic's key subject, when the key schema changed: each Avro key is decoded by its schema id"
                            + " and re-serialized with this subject's latest registered schema (by Avro schema resolution,"
                            + " so the two key schemas must be compatible). Empty: key bytes are carried unchanged.")
            .define(GROUP_ID, Type.STRING, "", Importance.MEDIUM,
                    "Consumer group shared by every instance of this bridge; default: avrogate-bridge.<mapping name>.")
            .define(INSTANCE_ID, Type.STRING, "", Importance.MEDIUM,
                    "Stable id of this instance, unique among running instances; it makes the transactional.id, so a"
                            + " restarted instance fences its own zombie and aborts its open transaction. Default: host name.")
            .define(HTTP_PORT, Type.INT, DEFAULT_HTTP_PORT, Importance.LOW,
                    "Port of /health and /metrics; 0 = any free port, -1 = off. With 'listeners' set, only -1 counts.")
            .define(HTTP_HOST, Type.STRING, DEFAULT_HTTP_HOST, Importance.LOW,
                    "Address /health and /metrics listen on (0.0.0.0: every interface), unless 'listeners' is set.")
            .define(POLL_TIMEOUT_MS, Type.LONG, 500L, Importance.LOW, "How long one poll waits for records.")
            .define(STATUS_TOPIC, Type.STRING, "_avrogate-bridge-status", Importance.LOW,
                    "Compacted topic where observations of old-topic consumer groups are kept between samples.")
            .define(QUIET_PERIOD_MS, Type.LONG, 7L * 24 * 3600 * 1000, Importance.MEDIUM,
                    "How long no group other than the bridge's may have read the old topic before it is safe to switch off.")
            .define(OBSERVE_INTERVAL_MS, Type.LONG, 60_000L, Importance.LOW,
                    "How often a running bridge records an observation of the old topic's consumer groups; -1 = never.");

    private final MigrationMapping mapping;

    /**
     * @param mapping the parsed mapping file (the caller reads it, so errors name the file)
     */
    public BridgeConfig(Map<?, ?> props, MigrationMapping mapping) {
        super(CONFIG_DEF, props, false);
        this.mapping = mapping;
        if (sourceTopic().equals(targetTopic())) {
            throw new ConfigException("the source and target topics are both '" + sourceTopic() + "'");
        }
    }

    public static ConfigDef configDef() {
        return CONFIG_DEF;
    }

    public MigrationMapping mapping() {
        return mapping;
    }

    public String sourceTopic() {
        return orDerived(SOURCE_TOPIC, mapping.sourceSubject());
    }

    public String targetTopic() {
        return orDerived(TARGET_TOPIC, mapping.targetSubject());
    }

    public String dlqTopic() {
        String v = getString(DLQ_TOPIC);
        return v.isBlank() ? sourceTopic() + ".bridge-dlq" : v;
    }

    public String groupId() {
        String v = getString(GROUP_ID);
        return v.isBlank() ? "avrogate-bridge." + mapping.name() : v;
    }

    public String instanceId() {
        String v = getString(INSTANCE_ID);
        if (!v.isBlank()) return v;
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new ConfigException(INSTANCE_ID + " is not set and the host name is unknown: set it");
        }
    }

    public String transactionalId() {
        return groupId() + "." + instanceId();
    }

    /** Settings for a client: the bootstrap servers, then every key with the client's prefix, prefix removed. */
    public Properties clientProperties(String prefix) {
        Properties p = new Properties();
        p.put(BOOTSTRAP_SERVERS, getString(BOOTSTRAP_SERVERS));
        originalsWithPrefix(prefix + ".", true).forEach(p::put);
        return p;
    }

    /**
     * The HTTP listener: {@code listeners} when set, otherwise {@code http://bridge.http.host:bridge.http.port}; TLS,
     * limits as configured. Null when {@code bridge.http.port} is -1 (off).
     */
    public ServerSettings serverSettings() {
        if (getInt(HTTP_PORT) < 0) return null;
        ServerSettings settings = ServerSettings.from(this);
        if (originals().containsKey(ServerSettings.LISTENERS)) return settings;
        String host = getString(HTTP_HOST);
        String listenHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return settings.withListeners(List.of(URI.create("http://" + listenHost + ":" + getInt(HTTP_PORT))));
    }

    /** Who may use the listener: the authentication and authorization settings. */
    public AuthConfig auth() {
        return new AuthConfig(originals());
    }

    /**
     * Every original key that is not the bridge's own nor its listener's: what the registry client reads (URL, auth,
     * TLS...).
     */
    public Map<String, Object> registryClientProperties() {
        Map<String, Object> out = new HashMap<>();
        originals().forEach((k, v) -> {
            if (!k.startsWith("bridge.") && !k.startsWith("consumer.") && !k.startsWith("producer.") && !k.startsWith("admin.")
                    && !LISTENER_DEF.names().contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private String orDerived(String key, String subject) {
        String v = getString(key);
        if (!v.isBlank()) return v;
        if (subject.endsWith("-value")) return subject.substring(0, subject.length() - "-value".length());
        throw new ConfigException("subject '" + subject + "' does not follow <topic>-value: set " + key);
    }
}
