package io.avrogate.registry.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings of a registry client, under Confluent's key names so that a serde or application configuration written for
 * Confluent's client works unchanged. Keys this client does not know are ignored: serializer and producer
 * configurations are passed in whole and contain many other keys.
 *
 * <p>Retry keys are ours ({@code max.retries}, {@code retries.wait.ms}, {@code retries.max.wait.ms}; the names newer
 * Confluent clients use as far as we know) and so is {@code schema.cache.size}.
 */
public final class RegistryClientConfig extends AbstractConfig {

    public static final String URL = "schema.registry.url";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Confluent's older spelling of {@link #BASIC_AUTH_USER_INFO}, still honoured when the new one is unset. */
    public static final String LEGACY_BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String BEARER_AUTH_CREDENTIALS_SOURCE = "bearer.auth.credentials.source";
    public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
    public static final String BEARER_AUTH_ISSUER_ENDPOINT_URL = "bearer.auth.issuer.endpoint.url";
    public static final String BEARER_AUTH_CLIENT_ID = "bearer.auth.client.id";
    public static final String BEARER_AUTH_CLIENT_SECRET = "bearer.auth.client.secret";
    public static final String BEARER_AUTH_SCOPE = "bearer.auth.scope";
    public static final String BEARER_AUTH_CACHE_EXPIRY_BUFFER_SECONDS = "bearer.auth.cache.expiry.buffer.seconds";
    /** Kafka's own JAAS setting, read for {@code basic.auth.credentials.source=SASL_INHERIT}. */
    public static final String SASL_JAAS_CONFIG = "sasl.jaas.config";

    public static final String SSL_PREFIX = "schema.registry.ssl.";
    public static final String SSL_TRUSTSTORE_LOCATION = SSL_PREFIX + "truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = SSL_PREFIX + "truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE = SSL_PREFIX + "truststore.type";
    public static final String SSL_KEYSTORE_LOCATION = SSL_PREFIX + "keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD = SSL_PREFIX + "keystore.password";
    public static final String SSL_KEYSTORE_TYPE = SSL_PREFIX + "keystore.type";
    public static final String SSL_KEY_PASSWORD = SSL_PREFIX + "key.password";
    public static final String SSL_ENDPOINT_IDENTIFICATION_ALGORITHM = SSL_PREFIX + "endpoint.identification.algorithm";

    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String PROXY_HOST = "proxy.host";
    public static final String PROXY_PORT = "proxy.port";

    public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";
    public static final String LATEST_CACHE_SIZE = "latest.cache.size";
    public static final String MISSING_ID_CACHE_TTL_SEC = "missing.id.cache.ttl.sec";
    public static final String MISSING_SCHEMA_CACHE_TTL_SEC = "missing.schema.cache.ttl.sec";
    public static final String MISSING_VERSION_CACHE_TTL_SEC = "missing.version.cache.ttl.sec";
    public static final String MISSING_CACHE_SIZE = "missing.cache.size";
    public static final String SCHEMA_CACHE_SIZE = "schema.cache.size";

    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";

    /** Strip Java-only properties from Avro schemas before register and lookup; see {@link JavaProperties}. */
    public static final String AVRO_REMOVE_JAVA_PROPERTIES = JavaProperties.REMOVE_JAVA_PROPERTIES;

    /** Every key starting with this adds an HTTP header to every request: {@code request.header.X-Team=payments}. */
    public static final String REQUEST_HEADER_PREFIX = "request.header.";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(URL, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                    "Comma-separated base URLs of the registry. The client fails over to the next URL when one cannot be"
                            + " reached (not when it answers with an error). mock://<scope> selects an in-JVM registry"
                            + " shared by every client of that scope.")
            .define(BASIC_AUTH_CREDENTIALS_SOURCE, Type.STRING, "URL",
                    ConfigDef.CaseInsensitiveValidString.in("URL", "USER_INFO", "SASL_INHERIT"), Importance.MEDIUM,
                    "Where basic-auth credentials come from: URL (user info in each URL, user:pass@host), USER_INFO"
                            + " (" + BASIC_AUTH_USER_INFO + ") or SASL_INHERIT (the username and password of the Kafka"
                            + " client's " + SASL_JAAS_CONFIG + ").")
            .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM,
                    "user:password for basic auth when " + BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO.")
            .define(LEGACY_BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.LOW,
                    "Deprecated spelling of " + BASIC_AUTH_USER_INFO + ".")
            .define(BEARER_AUTH_CREDENTIALS_SOURCE, Type.STRING, "STATIC_TOKEN",
                    ConfigDef.CaseInsensitiveValidString.in("STATIC_TOKEN", "OAUTHBEARER"), Importance.MEDIUM,
                    "Where the bearer token comes from: STATIC_TOKEN (" + BEARER_AUTH_TOKEN + ") or OAUTHBEARER (fetched"
                            + " from " + BEARER_AUTH_ISSUER_ENDPOINT_URL + " with the client-credentials grant and"
                            + " cached until shortly before it expires).")
            .define(BEARER_AUTH_TOKEN, Type.PASSWORD, null, Importance.MEDIUM,
                    "A static bearer token, sent as 'Authorization: Bearer <token>'. Takes precedence over basic auth.")
            .define(BEARER_AUTH_ISSUER_ENDPOINT_URL, Type.STRING, null, Importance.MEDIUM,
                    "The OAuth 2.0 token endpoint, for " + BEARER_AUTH_CREDENTIALS_SOURCE + "=OAUTHBEARER.")
            .define(BEARER_AUTH_CLIENT_ID, Type.STRING, null, Importance.MEDIUM,
                    "The OAuth client id, for " + BEARER_AUTH_CREDENTIALS_SOURCE + "=OAUTHBEARER.")
            .define(BEARER_AUTH_CLIENT_SECRET, Type.PASSWORD, null, Importance.MEDIUM,
                    "The OAuth client secret, for " + BEARER_AUTH_CREDENTIALS_SOURCE + "=OAUTHBEARER.")
            .define(BEARER_AUTH_SCOPE, Type.STRING, "", Importance.LOW,
                    "Space-separated OAuth scopes to request; empty requests the endpoint's default.")
            .define(BEARER_AUTH_CACHE_EXPIRY_BUFFER_SECONDS, Type.LONG, 300L, ConfigDef.Range.atLeast(0),
                    Importance.LOW, "A cached OAuth token is replaced this long before it expires (at most half"
                            + " its lifetime ahead).")
            .define(SSL_TRUSTSTORE_LOCATION, Type.STRING, null, Importance.MEDIUM,
                    "Trust store for https URLs; unset = the JVM's default trust.")
            .define(SSL_TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM, "Trust store password.")
            .define(SSL_TRUSTSTORE_TYPE, Type.STRING, "JKS", Importance.LOW, "Trust store type: JKS or PKCS12.")
            .define(SSL_KEYSTORE_LOCATION, Type.STRING, null, Importance.MEDIUM,
                    "Key store holding the client certificate, for registries that require one.")
            .define(SSL_KEYSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM, "Key store password.")
            .define(SSL_KEYSTORE_TYPE, Type.STRING, "JKS", Importance.LOW, "Key store type: JKS or PKCS12.")
            .define(SSL_KEY_PASSWORD, Type.PASSWORD, null, Importance.LOW,
                    "Password of the private key; defaults to the key store password.")
            .define(SSL_ENDPOINT_IDENTIFICATION_ALGORITHM, Type.STRING, "https", Importance.LOW,
                    "'https' checks that the server certificate names the host; empty turns the check off.")
            .define(HTTP_CONNECT_TIMEOUT_MS, Type.INT, 60_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Connect timeout per request.")
            .define(HTTP_READ_TIMEOUT_MS, Type.INT, 60_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Time to wait for a response per request.")
            .define(PROXY_HOST, Type.STRING, "", Importance.LOW, "HTTP proxy host; empty = no proxy.")
            .define(PROXY_PORT, Type.INT, -1, Importance.LOW, "HTTP proxy port.")
            .define(LATEST_CACHE_TTL_SEC, Type.LONG, -1L, Importance.LOW,
                    "How long a subject's latest version is cached; -1 = until the client learns of a newer one"
                            + " through this client, 0 = not cached.")
            .define(LATEST_CACHE_SIZE, Type.INT, 1000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "At most this many subjects' latest versions are cached.")
            .define(MISSING_ID_CACHE_TTL_SEC, Type.LONG, 0L, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "How long 'no schema with this id' (404) is remembered; 0 = not at all.")
            .define(MISSING_SCHEMA_CACHE_TTL_SEC, Type.LONG, 0L, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "How long 'schema not in subject' (lookup 404) is remembered; 0 = not at all.")
            .define(MISSING_VERSION_CACHE_TTL_SEC, Type.LONG, 0L, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "How long 'no such subject version' (404) is remembered; 0 = not at all.")
            .define(MISSING_CACHE_SIZE, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "At most this many 404 answers are remembered.")
            .define(SCHEMA_CACHE_SIZE, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "At most this many entries in each schema cache (id to schema, schema to id, schema to version).")
            .define(MAX_RETRIES, Type.INT, 3, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Retries of a request that failed transiently (no connection, HTTP 429, 5xx such as 50002-50004);"
                            + " never for other 4xx answers.")
            .define(RETRIES_WAIT_MS, Type.LONG, 1000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Wait before the first retry; doubled for each further retry, with random jitter.")
            .define(RETRIES_MAX_WAIT_MS, Type.LONG, 20_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Upper bound of the wait between retries.")
            .define(AVRO_REMOVE_JAVA_PROPERTIES, Type.BOOLEAN, true, Importance.LOW,
                    "Remove the Java-only properties of generated classes (avro.java.string, java-class, ...) from an"
                            + " Avro schema before registering or looking it up, so that a generated class finds the"
                            + " version registered from its .avsc file. Default true (Confluent's default is false).");

    public RegistryClientConfig(Map<?, ?> originals) {
        // doLog=false: AbstractConfig would log every value at INFO, passwords masked but noisy per serde instance.
        super(CONFIG_DEF, originals, false);
        if (urls().isEmpty()) throw new ConfigException(URL, "", "at least one registry URL is required");
    }

    /** The configured base URLs, trimmed, without a trailing slash. */
    public List<String> urls() {
        List<String> out = new ArrayList<>();
        for (String url : getList(URL)) {
            String u = url.trim();
            while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
            if (!u.isEmpty()) out.add(u);
        }
        return out;
    }

    /**
     * The scope of a {@code mock://scope} configuration, or null for real URLs. As in Confluent's client, a mock URL
     * must be the only URL.
     */
    public String mockScope() {
        List<String> urls = urls();
        List<String> mocks = urls.stream().filter(u -> u.toLowerCase(Locale.ROOT).startsWith("mock://")).toList();
        if (mocks.isEmpty()) return null;
        if (urls.size() > 1) {
            throw new ConfigException(URL, String.join(",", urls), "a mock:// URL cannot be combined with other URLs");
        }
        return mocks.get(0).substring("mock://".length());
    }

    /** {@code user:password} for basic auth of requests to {@code url}, or null for none. */
    public String basicAuthUserInfo(URI url) {
        if (getString(BASIC_AUTH_CREDENTIALS_SOURCE).equalsIgnoreCase("USER_INFO")) {
            String info = password(BASIC_AUTH_USER_INFO);
            if (info == null) info = password(LEGACY_BASIC_AUTH_USER_INFO);
            if (info == null || info.isEmpty()) {
                throw new ConfigException(BASIC_AUTH_USER_INFO, "", "required when " + BASIC_AUTH_CREDENTIALS_SOURCE
                        + "=USER_INFO");
            }
            return info;
        }
        if (getString(BASIC_AUTH_CREDENTIALS_SOURCE).equalsIgnoreCase("SASL_INHERIT")) return saslUserInfo();
        String info = url.getRawUserInfo();
        return info == null || info.isEmpty() ? null : java.net.URLDecoder.decode(info, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code user:password} from the Kafka client's {@code sasl.jaas.config} (PLAIN or SCRAM login module). */
    private String saslUserInfo() {
        Object jaas = originals().get(SASL_JAAS_CONFIG);
        String text = jaas instanceof Password p ? p.value() : jaas == null ? null : jaas.toString();
        String user = text == null ? null : jaasOption(text, "username");
        String pass = text == null ? null : jaasOption(text, "password");
        if (user == null || pass == null) {
            throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT", SASL_JAAS_CONFIG
                    + " must be set with username=\"...\" and password=\"...\" to inherit the Kafka credentials");
        }
        return user + ":" + pass;
    }

    private static String jaasOption(String jaas, String name) {
        Matcher m = Pattern.compile("\\b" + name + "\\s*=\\s*\"([^\"]*)\"").matcher(jaas);
        return m.find() ? m.group(1) : null;
    }

    /** True when bearer tokens come from an OAuth token endpoint. */
    public boolean oauthBearer() {
        return getString(BEARER_AUTH_CREDENTIALS_SOURCE).equalsIgnoreCase("OAUTHBEARER");
    }

    /** The static bearer token, or null. */
    public String bearerToken() {
        String token = password(BEARER_AUTH_TOKEN);
        return token == null || token.isBlank() ? null : token.trim();
    }

    /** The {@code request.header.*} entries as header name to value, in name order. */
    public Map<String, String> requestHeaders() {
        Map<String, String> out = new TreeMap<>();
        originalsWithPrefix(REQUEST_HEADER_PREFIX).forEach((name, value) -> {
            if (!name.isEmpty() && value != null) out.put(name, value.toString());
        });
        return out;
    }

    /** A password-typed setting in clear, or null when unset. */
    public String password(String key) {
        Password p = getPassword(key);
        return p == null ? null : p.value();
    }
}
