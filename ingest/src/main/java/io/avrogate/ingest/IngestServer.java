package io.avrogate.ingest;

import io.avrogate.server.HttpServer;
import io.avrogate.server.auth.AccessControl;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * The running ingest service: HTTP in front, the registry client, an admin client and an AvroProducer
 * behind. {@link #close()} shuts down gracefully: HTTP stops taking requests and lets running ones finish, then the
 * producer flushes everything accepted, then the clients close.
 */
public final class IngestServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestServer.class);

    private final HttpServer http;
    private final IngestHttp routes;
    private final IngestService service;
    private final String url;
    private final AccessControl access;

    private IngestServer(HttpServer http, IngestHttp routes, IngestService service, String url, AccessControl access) {
        this.http = http;
        this.routes = routes;
        this.service = service;
        this.url = url;
        this.access = access;
    }

    /**
     * Starts the service.
     *
     * @param configs producer, serde and registry-client settings (Kafka and Confluent names): at least
     *                {@code bootstrap.servers} and {@code schema.registry.url}
     */
    public static IngestServer start(IngestSettings settings, Map<String, ?> configs) {
        // Ingest holds no schema ids of its own: its permissions are on topics and its service endpoints.
        AccessControl access = AccessControl.create(settings.auth(), id -> List.of());
        IngestService service;
        try {
            service = IngestService.create(settings, configs);
        } catch (RuntimeException e) {
            access.close();
            throw e;
        }
        try {
            if (!service.topicsDeclared()) {
                log.warn("ingest accepts events for any topic that has a <topic>-value subject (internal topics"
                        + " excepted); declare the open topics (subject.yaml folder or allowed topics) to narrow it");
            }
            IngestHttp routes = new IngestHttp(service, settings, configs, access);
            HttpServer http = routes.create();
            try {
                http.javalin().start();
            } catch (RuntimeException e) {
                http.close();
                routes.closeMetrics(http);
                throw e;
            }
            String url = http.urls().get(0).replace("://localhost:", "://127.0.0.1:");
            log.info("ingest service listening on {}", url);
            return new IngestServer(http, routes, service, url, access);
        } catch (RuntimeException e) {
            service.close();
            access.close();
            throw e;
        }
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
            http.close(); // stops taking requests; running ones finish
        } finally {
            routes.closeMetrics(http); // before the clients it reads close
            service.close(); // flushes every accepted event, then closes the clients
            access.close();
            log.info("ingest service at {} stopped", url);
        }
    }
}
