package io.avrogate.ingest;

import io.avrogate.core.json.JsonToAvro;
import io.avrogate.server.ServerSettings;
import io.avrogate.server.auth.AuthConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;

/**
 * How the ingest service serves.
 *
 * @param host              interface to listen on (unless {@code serverConfigs} names {@code listeners})
 * @param port              port (0: any free one)
 * @param maxBodyBytes      larger request bodies are refused with 413
 * @param schemaTtl         how long a topic's latest schema (and the topic's existence) is trusted before asking again
 * @param trustForwardedFor take the client address from X-Forwarded-For (behind a proxy you control)
 * @param converter         the JSON to Avro options
 * @param captureMetadata   run the {@link CaptureMetadataEnricher} before the extra enrichers
 * @param enrichers         enrichers of the application's own, run in order
 * @param serverConfigs     listener settings of server-common ({@code listeners}, {@code ssl.*}, limits) and the
 *                          authentication and authorization settings ({@code authentication.method},
 *                          {@code avrogate.authorization.acl.file}, ...): {@link #CONFIG_DEF}
 * @param allowedTopics     topics events may be written to, besides those {@code subjectsDir} declares; see
 *                          {@link TopicGuard}
 * @param subjectsDir       a {@code schemas/subjects} folder whose {@code subject.yaml} files declare the value
 *                          topics events may be written to; null for none
 */
public record IngestSettings(String host, int port, long maxBodyBytes, Duration schemaTtl, boolean trustForwardedFor,
                             JsonToAvro.Options converter, boolean captureMetadata, List<EventEnricher> enrichers,
                             Map<String, Object> serverConfigs, Set<String> allowedTopics, Path subjectsDir) {
    public static final long DEFAULT_MAX_BODY_BYTES = 5L * 1024 * 1024;
    public static final Duration DEFAULT_SCHEMA_TTL = Duration.ofSeconds(30);
    /** Loopback unless told otherwise: an unconfigured service is not reachable from the network. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8088;

    /**
     * The listener's settings, as on every avrogate listener: server-common's listener, TLS and limits, and the
     * authentication and authorization settings. They are the service's own, never passed to Kafka clients (whose
     * {@code ssl.*} settings have the same names but mean the connection to the brokers).
     */
    public static final ConfigDef CONFIG_DEF = AuthConfig.addTo(ServerSettings.define(new ConfigDef(),
            "http://" + DEFAULT_HOST + ":" + DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES));

    public IngestSettings {
        enrichers = List.copyOf(enrichers);
        serverConfigs = Map.copyOf(serverConfigs);
        allowedTopics = Set.copyOf(allowedTopics);
    }

    public static IngestSettings defaults() {
        return new IngestSettings(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES, DEFAULT_SCHEMA_TTL, false,
                JsonToAvro.Options.DEFAULTS, true, List.of(), Map.of(), Set.of(), null);
    }

    public IngestSettings withListener(String newHost, int newPort) {
        return new IngestSettings(newHost, newPort, maxBodyBytes, schemaTtl, trustForwardedFor, converter, captureMetadata,
                enrichers, serverConfigs, allowedTopics, subjectsDir);
    }

    public IngestSettings withMaxBodyBytes(long bytes) {
        return new IngestSettings(host, port, bytes, schemaTtl, trustForwardedFor, converter, captureMetadata, enrichers,
                serverConfigs, allowedTopics, subjectsDir);
    }

    public IngestSettings withSchemaTtl(Duration ttl) {
        return new IngestSettings(host, port, maxBodyBytes, ttl, trustForwardedFor, converter, captureMetadata, enrichers,
                serverConfigs, allowedTopics, subjectsDir);
    }

    public IngestSettings withTrustForwardedFor(boolean trust) {
        return new IngestSettings(host, port, maxBodyBytes, schemaTtl, trust, converter, captureMetadata, enrichers,
                serverConfigs, allowedTopics, subjectsDir);
    }

    public IngestSettings withConverter(JsonToAvro.Options options) {
        return new IngestSettings(host, port, maxBodyBytes, schemaTtl, trustForwardedFor, options, captureMetadata,
                enrichers, serverConfigs, allowedTopics, subjectsDir);
    }

    public IngestSettings withEnrichers(boolean capture, List<EventEnricher> extra) {
        return new IngestSettings(host, port, maxBodyBytes, schemaTtl, trustForwardedFor, converter, capture, extra,
                serverConfigs, allowedTopics, subjectsDir);
    }

    /**
     * Listener settings (TLS, limits, listeners) by server-common's names, over the host, port and body limit, and the
     * authentication and authorization settings ({@link #CONFIG_DEF}).
     */
    public IngestSettings withServerConfigs(Map<String, ?> configs) {
        return new IngestSettings(host, port, maxBodyBytes, schemaTtl, trustForwardedFor, converter, captureMetadata,
                enrichers, Map.copyOf(configs), allowedTopics, subjectsDir);
    }

    /** The topics events may go to: an explicit list and/or the value topics a schemas/subjects folder declares. */
    public IngestSettings withAllowedTopics(Set<String> topics, Path subjectsFolder) {
        return new IngestSettings(host, port, maxBodyBytes, schemaTtl, trustForwardedFor, converter, captureMetadata,
                enrichers, serverConfigs, topics, subjectsFolder);
    }

    /** Who may do what: the authentication and authorization settings of {@link #serverConfigs()}. */
    public AuthConfig auth() {
        return new AuthConfig(serverConfigs);
    }

    /** Where and how the HTTP listener listens. */
    public ServerSettings server() {
        Map<String, Object> configs = new HashMap<>(serverConfigs);
        String listenHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        configs.putIfAbsent(ServerSettings.LISTENERS, "http://" + listenHost + ":" + port);
        configs.putIfAbsent(ServerSettings.MAX_REQUEST_BYTES, maxBodyBytes);
        return ServerSettings.parse(configs, "http://" + listenHost + ":" + port, maxBodyBytes);
    }
}
