package io.avrogate.ingest;

import io.avrogate.core.json.JsonToAvro;
import io.avrogate.server.ServerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * @param serverConfigs     listener settings of server-common ({@code listeners}, {@code ssl.*}, limits); see
 *                          {@link ServerSettings}
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

    public IngestSettings {
        enrichers = List.copyOf(enrichers);
        serverConfigs = Map.copyOf(serverConfigs);
        allowedTopics = Set.copyOf(allowedTopics);
    }

    public static IngestSettings defaults() {
        return new IngestSettings("0.0.0.0", 8088, DEFAULT_MAX_BODY_BYTES, DEFAULT_SCHEMA_TTL, false,
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

    /** Listener settings (TLS, limits, listeners) by server-common's names, over the host, port and body limit. */
    public IngestSettings withServerConfigs(Map<String, ?> configs) {
        return new IngestSettings(host, port, maxBodyBytes, schemaTtl, trustForwardedFor, converter, captureMetadata,
                enrichers, Map.copyOf(configs), allowedTopics, subjectsDir);
    }

    /** The topics events may go to: an explicit list and/or the value topics a schemas/subjects folder declares. */
    public IngestSettings withAllowedTopics(Set<String> topics, Path subjectsFolder) {
        return new IngestSettings(host, port, maxBodyBytes, schemaTtl, trustForwardedFor, converter, captureMetadata,
                enrichers, serverConfigs, topics, subjectsFolder);
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
