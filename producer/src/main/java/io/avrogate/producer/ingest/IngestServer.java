package io.avrogate.producer.ingest;

import io.avrogate.producer.AvroProducer;
import io.avrogate.producer.AvroProducerConfig;
import io.avrogate.producer.json.JsonToAvro;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running ingest service: HTTP in front, the registry client, an admin client and an {@link AvroProducer}
 * behind. {@link #close()} shuts down gracefully: HTTP stops taking requests and lets running ones finish, then the
 * producer flushes everything accepted, then the clients close.
 */
public final class IngestServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestServer.class);

    private final Javalin http;
    private final AvroProducer<Object, GenericRecord> producer;
    private final SchemaRegistryClient registry;
    private final Admin admin;
    private final String url;

    private IngestServer(Javalin http, AvroProducer<Object, GenericRecord> producer, SchemaRegistryClient registry,
                         Admin admin, String url) {
        this.http = http;
        this.producer = producer;
        this.registry = registry;
        this.admin = admin;
        this.url = url;
    }

    /**
     * Starts the service.
     *
     * @param configs producer, serde and registry-client settings (Kafka and Confluent names): at least
     *                {@code bootstrap.servers} and {@code schema.registry.url}
     */
    public static IngestServer start(IngestSettings settings, Map<String, ?> configs) {
        Map<String, Object> producerConfigs = producerConfigs(settings, configs);
        SchemaRegistryClient registry = SchemaRegistryClients.create(producerConfigs);
        AvroProducer<Object, GenericRecord> producer = null;
        Admin admin = null;
        try {
            producer = AvroProducer.<Object, GenericRecord>builder().configs(producerConfigs).build();
            admin = Admin.create(adminConfigs(producerConfigs));
            TopicSchemas schemas = new TopicSchemas(registry, settings.schemaTtl());
            KafkaTopics topics = new KafkaTopics(admin, settings.schemaTtl(), Duration.ofSeconds(10));
            List<EventEnricher> enrichers = new ArrayList<>();
            if (settings.captureMetadata()) {
                enrichers.add(new CaptureMetadataEnricher(CaptureMetadataEnricher.DEFAULT_RECORD_FIELD,
                        settings.converter().bytesEncoding()));
            }
            enrichers.addAll(settings.enrichers());
            IngestService service = new IngestService(schemas, topics, producer, new JsonToAvro(settings.converter()), enrichers);
            Javalin http = new IngestHttp(service, settings).create();
            http.start();
            String host = settings.host().equals("0.0.0.0") ? "127.0.0.1" : settings.host();
            String url = "http://" + host + ":" + http.port();
            log.info("ingest service listening on {}", url);
            return new IngestServer(http, producer, registry, admin, url);
        } catch (RuntimeException e) {
            if (producer != null) producer.close(Duration.ZERO);
            if (admin != null) admin.close(Duration.ZERO);
            registry.close();
            throw e;
        }
    }

    /**
     * The serde settings the ingest service needs on top of the caller's: events are converted to the subject's
     * latest version, so the serializer writes with that version's id ({@code use.latest.version}) and never
     * registers; the serializer's latest-version cache lives as long as the service's schema cache.
     */
    static Map<String, Object> producerConfigs(IngestSettings settings, Map<String, ?> configs) {
        Map<String, Object> out = new HashMap<>(configs);
        out.putIfAbsent(AvroProducerConfig.AUTO_REGISTER_SCHEMAS, false);
        out.putIfAbsent(AvroProducerConfig.USE_LATEST_VERSION, true);
        out.putIfAbsent("latest.cache.ttl.sec", Math.max(1, settings.schemaTtl().toSeconds()));
        return out;
    }

    private static Map<String, Object> adminConfigs(Map<String, Object> configs) {
        Map<String, Object> out = new HashMap<>();
        configs.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) out.put(key, value);
        });
        return out;
    }

    /** Base URL, e.g. {@code http://127.0.0.1:8088}. */
    public String url() {
        return url;
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        try {
            http.stop();
        } finally {
            try {
                producer.close(Duration.ofSeconds(30)); // flushes every accepted event first
            } finally {
                admin.close(Duration.ofSeconds(5));
                registry.close();
                log.info("ingest service at {} stopped", url);
            }
        }
    }
}
