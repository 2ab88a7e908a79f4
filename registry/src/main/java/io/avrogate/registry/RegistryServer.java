package io.avrogate.registry;

import io.avrogate.registry.http.RegistryHttp;
import io.javalin.Javalin;
import java.net.URI;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running registry: the Kafka-backed state and the HTTP API. Started from a config (the {@code avrogate registry}
 * command, the testkit, the demo) and stopped gracefully: HTTP stops accepting, then the store closes.
 */
public final class RegistryServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RegistryServer.class);

    private final KafkaLog store;
    private final Javalin http;
    private final String url;
    private final RegistryState state;

    private RegistryServer(KafkaLog store, Javalin http, String url, RegistryState state) {
        this.store = store;
        this.http = http;
        this.url = url;
        this.state = state;
    }

    public static RegistryServer start(Map<String, ?> properties) {
        return start(new RegistryConfig(properties));
    }

    public static RegistryServer start(RegistryConfig config) {
        RegistryState state = new RegistryState();
        KafkaLog store = new KafkaLog(config, state);
        try {
            SchemaRegistry registry = new SchemaRegistry(state, store, config);
            URI listener = URI.create(config.getString(RegistryConfig.LISTENERS).split(",")[0].trim());
            Javalin http = RegistryHttp.create(registry, state, config.getLong(RegistryConfig.MAX_REQUEST_BYTES),
                    listener.getHost(), listener.getPort());
            http.start();
            String host = listener.getHost().equals("0.0.0.0") ? "localhost" : listener.getHost();
            String url = "http://" + host + ":" + http.port();
            log.info("schema registry listening on {} (state in topic {})", url, config.getString(RegistryConfig.TOPIC));
            return new RegistryServer(store, http, url, state);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The base URL clients use, e.g. http://localhost:8081. */
    public String url() {
        return url;
    }

    public int port() {
        return http.port();
    }

    public RegistryState state() {
        return state;
    }

    @Override
    public void close() {
        http.stop();
        store.close();
        log.info("schema registry at {} stopped", url);
    }
}
