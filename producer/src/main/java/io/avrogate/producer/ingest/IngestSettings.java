package io.avrogate.producer.ingest;

import io.avrogate.core.json.JsonToAvro;
import java.time.Duration;
import java.util.List;

/**
 * How the ingest service serves.
 *
 * @param host              interface to listen on
 * @param port              port (0: any free one)
 * @param maxBodyBytes      larger request bodies are refused with 413
 * @param schemaTtl         how long a topic's latest schema (and the topic's existence) is trusted before asking again
 * @param trustForwardedFor take the client address from X-Forwarded-For (behind a proxy you control)
 * @param converter         the JSON to Avro options
 * @param captureMetadata   run the {@link CaptureMetadataEnricher} before the extra enrichers
 * @param enrichers         enrichers of the application's own, run in order
 */
public record IngestSettings(String host, int port, long maxBodyBytes, Duration schemaTtl, boolean trustForwardedFor,
                             JsonToAvro.Options converter, boolean captureMetadata, List<EventEnricher> enrichers) {
    public static final long DEFAULT_MAX_BODY_BYTES = 5L * 1024 * 1024;
    public static final Duration DEFAULT_SCHEMA_TTL = Duration.ofSeconds(30);

    public IngestSettings {
        enrichers = List.copyOf(enrichers);
    }

    public static IngestSettings defaults() {
        return new IngestSettings("0.0.0.0", 8088, DEFAULT_MAX_BODY_BYTES, DEFAULT_SCHEMA_TTL, false,
                JsonToAvro.Options.DEFAULTS, true, List.of());
    }

    public IngestSettings withListener(String newHost, int newPort) {
        return new IngestSettings(newHost, newPort, maxBodyBytes, schemaTtl, trustForwardedFor, converter, captureMetadata, enrichers);
    }

    public IngestSettings withMaxBodyBytes(long bytes) {
        return new IngestSettings(host, port, bytes, schemaTtl, trustForwardedFor, converter, captureMetadata, enrichers);
    }

    public IngestSettings withSchemaTtl(Duration ttl) {
        return new IngestSettings(host, port, maxBodyBytes, ttl, trustForwardedFor, converter, captureMetadata, enrichers);
    }

    public IngestSettings withTrustForwardedFor(boolean trust) {
        return new IngestSettings(host, port, maxBodyBytes, schemaTtl, trust, converter, captureMetadata, enrichers);
    }

    public IngestSettings withConverter(JsonToAvro.Options options) {
        return new IngestSettings(host, port, maxBodyBytes, schemaTtl, trustForwardedFor, options, captureMetadata, enrichers);
    }

    public IngestSettings withEnrichers(boolean capture, List<EventEnricher> extra) {
        return new IngestSettings(host, port, maxBodyBytes, schemaTtl, trustForwardedFor, converter, capture, extra);
    }
}
