package io.avrogate.server;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * How a listener listens and what it tolerates from clients: the {@code listeners}, TLS with Confluent's
 * {@code ssl.*} names, and the limits against slow or abusive clients. Services include {@link #define} in their own
 * {@link ConfigDef} so that every listener is configured, validated and documented the same way.
 */
public record ServerSettings(List<URI> listeners, Tls tls, Limits limits) {
    public static final String LISTENERS = "listeners";
    public static final String SSL_KEYSTORE_LOCATION = "ssl.keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD = "ssl.keystore.password";
    public static final String SSL_KEYSTORE_TYPE = "ssl.keystore.type";
    public static final String SSL_KEY_PASSWORD = "ssl.key.password";
    public static final String SSL_TRUSTSTORE_LOCATION = "ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE = "ssl.truststore.type";
    public static final String SSL_CLIENT_AUTHENTICATION = "ssl.client.authentication";
    public static final String SSL_ENABLED_PROTOCOLS = "ssl.enabled.protocols";
    public static final String MAX_REQUEST_BYTES = "avrogate.request.max.bytes";
    public static final String MAX_HEADER_BYTES = "avrogate.request.header.max.bytes";
    public static final String BODY_TIMEOUT_MS = "avrogate.request.body.timeout.ms";
    public static final String IDLE_TIMEOUT_MS = "idle.timeout.ms";
    public static final String MAX_CONNECTIONS = "server.connection.limit";
    public static final String MAX_CONNECTIONS_PER_ADDRESS = "avrogate.connection.limit.per.address";
    public static final String THREAD_POOL_MAX = "thread.pool.max";

    /** TLS protocols a listener may enable; anything older is broken and refused at startup. */
    public static final List<String> ALLOWED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final List<String> STORE_TYPES = List.of("PKCS12", "JKS");

    public enum ClientAuthentication { NONE, REQUESTED, REQUIRED }

    /** Key and trust material of the {@code https://} listeners; {@code trustStore} may be null. */
    public record Tls(String keyStore, String keyStorePassword, String keyStoreType, String keyPassword,
                      String trustStore, String trustStorePassword, String trustStoreType,
                      ClientAuthentication clientAuthentication, List<String> protocols) {}

    /** What one client may cost the server; 0 for a count means no limit. */
    public record Limits(long maxRequestBytes, int maxHeaderBytes, Duration bodyTimeout, Duration idleTimeout,
                         int maxConnections, int maxConnectionsPerAddress, int maxThreads) {}

    /**
     * Adds the listener settings to a service's definition.
     *
     * @param defaultListeners the service's default, e.g. {@code http://127.0.0.1:8081}
     * @param defaultMaxRequestBytes the service's largest legitimate request body
     */
    public static ConfigDef define(ConfigDef def, String defaultListeners, long defaultMaxRequestBytes) {
        return def
                .define(LISTENERS, Type.STRING, defaultListeners, listenersValidator(), Importance.HIGH,
                        "Where the HTTP API listens: a comma-separated list of http://host:port or https://host:port."
                                + " Port 0 picks a free port. Any other scheme stops startup.")
                .define(SSL_KEYSTORE_LOCATION, Type.STRING, "", Importance.HIGH,
                        "Key store with the server certificate and key; required for an https:// listener.")
                .define(SSL_KEYSTORE_PASSWORD, Type.PASSWORD, "", Importance.HIGH, "Password of the key store.")
                .define(SSL_KEYSTORE_TYPE, Type.STRING, "PKCS12", ConfigDef.ValidString.in("PKCS12", "JKS"),
                        Importance.MEDIUM, "Key store format: PKCS12 or JKS.")
                .define(SSL_KEY_PASSWORD, Type.PASSWORD, "", Importance.MEDIUM,
                        "Password of the key in the key store, when it differs from the store's.")
                .define(SSL_TRUSTSTORE_LOCATION, Type.STRING, "", Importance.MEDIUM,
                        "Trust store with the CAs that client certificates must chain to (mTLS).")
                .define(SSL_TRUSTSTORE_PASSWORD, Type.PASSWORD, "", Importance.MEDIUM, "Password of the trust store.")
                .define(SSL_TRUSTSTORE_TYPE, Type.STRING, "PKCS12", ConfigDef.ValidString.in("PKCS12", "JKS"),
                        Importance.LOW, "Trust store format: PKCS12 or JKS.")
                .define(SSL_CLIENT_AUTHENTICATION, Type.STRING, "NONE",
                        ConfigDef.ValidString.in("NONE", "REQUESTED", "REQUIRED"), Importance.MEDIUM,
                        "Whether https:// listeners ask clients for a certificate: NONE, REQUESTED or REQUIRED.")
                .define(SSL_ENABLED_PROTOCOLS, Type.LIST, String.join(",", ALLOWED_PROTOCOLS),
                        ConfigDef.ValidList.in(ALLOWED_PROTOCOLS.toArray(String[]::new)), Importance.LOW,
                        "TLS versions https:// listeners accept; TLSv1.3 and TLSv1.2 only.")
                .define(MAX_REQUEST_BYTES, Type.LONG, defaultMaxRequestBytes, ConfigDef.Range.atLeast(4096),
                        Importance.LOW, "Largest HTTP request body accepted, in bytes; larger requests get 413.")
                .define(MAX_HEADER_BYTES, Type.INT, 8192, ConfigDef.Range.between(1024, 1024 * 1024), Importance.LOW,
                        "Largest request line plus headers, in bytes; larger requests get 431.")
                .define(BODY_TIMEOUT_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(100), Importance.LOW,
                        "How long a client may take to send a whole request body; slower clients are disconnected.")
                .define(IDLE_TIMEOUT_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(100), Importance.LOW,
                        "How long a connection may stay silent before it is closed (Confluent's rest-utils name).")
                .define(MAX_CONNECTIONS, Type.INT, 4096, ConfigDef.Range.atLeast(0), Importance.LOW,
                        "Most open connections; beyond it the listener stops accepting until one closes. 0: no limit.")
                .define(MAX_CONNECTIONS_PER_ADDRESS, Type.INT, 256, ConfigDef.Range.atLeast(0), Importance.LOW,
                        "Most open connections from one client address; more are closed at once. 0: no limit.")
                .define(THREAD_POOL_MAX, Type.INT, 200, ConfigDef.Range.atLeast(4), Importance.LOW,
                        "Most HTTP worker threads (Confluent's rest-utils setting of the same name).");
    }

    /** Reads the settings from a config whose definition included {@link #define}. */
    public static ServerSettings from(AbstractConfig config) {
        List<URI> listeners = listeners(config.getString(LISTENERS));
        Tls tls = null;
        if (listeners.stream().anyMatch(u -> u.getScheme().equals("https"))) {
            String keyStore = config.getString(SSL_KEYSTORE_LOCATION);
            if (keyStore.isBlank()) {
                throw new ConfigException(SSL_KEYSTORE_LOCATION, "", "an https:// listener needs a key store");
            }
            String storePassword = password(config, SSL_KEYSTORE_PASSWORD);
            String keyPassword = password(config, SSL_KEY_PASSWORD);
            String trustStore = config.getString(SSL_TRUSTSTORE_LOCATION);
            ClientAuthentication clientAuth = ClientAuthentication.valueOf(config.getString(SSL_CLIENT_AUTHENTICATION));
            if (clientAuth != ClientAuthentication.NONE && trustStore.isBlank()) {
                throw new ConfigException(SSL_TRUSTSTORE_LOCATION, "",
                        "client certificates (" + SSL_CLIENT_AUTHENTICATION + "=" + clientAuth + ") need a trust store");
            }
            tls = new Tls(keyStore, storePassword, config.getString(SSL_KEYSTORE_TYPE),
                    keyPassword.isEmpty() ? storePassword : keyPassword,
                    trustStore.isBlank() ? null : trustStore, password(config, SSL_TRUSTSTORE_PASSWORD),
                    config.getString(SSL_TRUSTSTORE_TYPE), clientAuth, config.getList(SSL_ENABLED_PROTOCOLS));
        }
        Limits limits = new Limits(config.getLong(MAX_REQUEST_BYTES), config.getInt(MAX_HEADER_BYTES),
                Duration.ofMillis(config.getLong(BODY_TIMEOUT_MS)), Duration.ofMillis(config.getLong(IDLE_TIMEOUT_MS)),
                config.getInt(MAX_CONNECTIONS), config.getInt(MAX_CONNECTIONS_PER_ADDRESS), config.getInt(THREAD_POOL_MAX));
        return new ServerSettings(listeners, tls, limits);
    }

    /** Parses the listener settings alone, for services whose other settings are not a {@link ConfigDef}. */
    public static ServerSettings parse(Map<String, ?> props, String defaultListeners, long defaultMaxRequestBytes) {
        return from(new AbstractConfig(define(new ConfigDef(), defaultListeners, defaultMaxRequestBytes), props, false));
    }

    /** The same settings with other listeners, e.g. from a service's own {@code --host}/{@code --port} flags. */
    public ServerSettings withListeners(List<URI> newListeners) {
        return new ServerSettings(List.copyOf(newListeners), tls, limits);
    }

    public ServerSettings withLimits(Limits newLimits) {
        return new ServerSettings(listeners, tls, newLimits);
    }

    static URI listener(String text) {
        URI uri;
        try {
            uri = URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(LISTENERS, text, "not a URL of the form http://host:port or https://host:port");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ConfigException(LISTENERS, text, "unsupported scheme '" + scheme
                    + "': a listener is http://host:port or https://host:port");
        }
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new ConfigException(LISTENERS, text, "a listener needs a host and a port, e.g. http://127.0.0.1:8081");
        }
        return URI.create(scheme + "://" + uri.getHost() + ":" + uri.getPort());
    }

    /** Parses a comma-separated list of listeners, failing with a message that names the bad one. */
    public static List<URI> listeners(String text) {
        if (text == null || text.isBlank()) throw new ConfigException(LISTENERS, text, "at least one listener is needed");
        return java.util.Arrays.stream(text.split(",")).filter(e -> !e.isBlank()).map(ServerSettings::listener).toList();
    }

    private static ConfigDef.Validator listenersValidator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                listeners((String) value);
            }

            @Override
            public String toString() {
                return "http://host:port or https://host:port, comma-separated";
            }
        };
    }

    private static String password(AbstractConfig config, String key) {
        Password password = config.getPassword(key);
        return password == null ? "" : password.value();
    }
}
