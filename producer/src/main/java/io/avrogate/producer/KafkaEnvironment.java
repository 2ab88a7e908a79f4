package io.avrogate.producer;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Producer settings from environment variables, as container platforms and hosted Kafka services provide them:
 *
 * <table>
 *   <caption>Environment variables and the settings they set</caption>
 *   <tr><th>variable</th><th>setting</th></tr>
 *   <tr><td>{@code KAFKA_BOOTSTRAP_SERVERS}</td><td>{@code bootstrap.servers} ({@code host:port,...})</td></tr>
 *   <tr><td>{@code KAFKA_URL}</td><td>{@code bootstrap.servers} and {@code security.protocol} from URLs such as
 *       {@code kafka+ssl://host1:9096,kafka+ssl://host2:9096} ({@code kafka://}: PLAINTEXT; {@code kafka+ssl://}:
 *       SSL); ignored when KAFKA_BOOTSTRAP_SERVERS is set</td></tr>
 *   <tr><td>{@code SCHEMA_REGISTRY_URL}</td><td>{@code schema.registry.url}</td></tr>
 *   <tr><td>{@code SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO}</td><td>{@code basic.auth.user.info} ({@code user:password})
 *       with {@code basic.auth.credentials.source=USER_INFO}</td></tr>
 *   <tr><td>{@code KAFKA_CLIENT_CERT}</td><td>{@code ssl.keystore.type=PEM}, {@code ssl.keystore.certificate.chain}</td></tr>
 *   <tr><td>{@code KAFKA_CLIENT_CERT_KEY}</td><td>{@code ssl.keystore.key} (PKCS#8; a PKCS#1 RSA key is converted)</td></tr>
 *   <tr><td>{@code KAFKA_CLIENT_CERT_KEY_PASSWORD}</td><td>{@code ssl.key.password}, for an encrypted key</td></tr>
 *   <tr><td>{@code KAFKA_TRUSTED_CERT}</td><td>{@code ssl.truststore.type=PEM}, {@code ssl.truststore.certificates}</td></tr>
 *   <tr><td>{@code KAFKA_PRODUCER_<NAME>}</td><td>any other producer setting: {@code KAFKA_PRODUCER_LINGER_MS=20}
 *       sets {@code linger.ms} (lower case, {@code _} becomes {@code .})</td></tr>
 * </table>
 *
 * A client certificate or trusted CA with no URL scheme saying otherwise implies {@code security.protocol=SSL}.
 * Values set here are overridden by a properties file given alongside (see {@code avrogate ingest --config}).
 */
public final class KafkaEnvironment {
    public static final String BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String URL = "KAFKA_URL";
    public static final String REGISTRY_URL = "SCHEMA_REGISTRY_URL";
    public static final String REGISTRY_USER_INFO = "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO";
    public static final String CLIENT_CERT = "KAFKA_CLIENT_CERT";
    public static final String CLIENT_CERT_KEY = "KAFKA_CLIENT_CERT_KEY";
    public static final String CLIENT_CERT_KEY_PASSWORD = "KAFKA_CLIENT_CERT_KEY_PASSWORD";
    public static final String TRUSTED_CERT = "KAFKA_TRUSTED_CERT";
    public static final String PRODUCER_PREFIX = "KAFKA_PRODUCER_";

    private KafkaEnvironment() {}

    /**
     * The registry-client settings for basic auth with {@code user:password}; empty for a blank value. Shared by
     * {@code SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO} and the CLI's {@code --registry-user}.
     */
    public static Map<String, Object> registryUserInfo(String userInfo) {
        if (isBlank(userInfo)) return Map.of();
        if (!userInfo.contains(":")) {
            // The value is a secret: name the variable, never echo it.
            throw new ConfigException(REGISTRY_USER_INFO + " (or --registry-user) must be user:password");
        }
        return Map.of("basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", userInfo);
    }

    /** Settings from the process environment. */
    public static Map<String, Object> fromSystem() {
        return from(System.getenv());
    }

    /** Settings from the given variables (blank ones count as unset). */
    public static Map<String, Object> from(Map<String, String> env) {
        Map<String, Object> out = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(PRODUCER_PREFIX) && name.length() > PRODUCER_PREFIX.length() && !isBlank(value)) {
                out.put(name.substring(PRODUCER_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });

        String protocol = null;
        if (!isBlank(env.get(BOOTSTRAP_SERVERS))) {
            out.put("bootstrap.servers", env.get(BOOTSTRAP_SERVERS).trim());
        } else if (!isBlank(env.get(URL))) {
            KafkaUrls urls = KafkaUrls.parse(env.get(URL));
            out.put("bootstrap.servers", urls.bootstrapServers());
            protocol = urls.securityProtocol();
        }
        if (!isBlank(env.get(REGISTRY_URL))) out.put("schema.registry.url", env.get(REGISTRY_URL).trim());
        out.putAll(registryUserInfo(env.get(REGISTRY_USER_INFO)));

        boolean tls = false;
        String cert = env.get(CLIENT_CERT);
        String key = env.get(CLIENT_CERT_KEY);
        if (isBlank(cert) != isBlank(key)) {
            throw new ConfigException(CLIENT_CERT + " and " + CLIENT_CERT_KEY + " go together: set both or neither");
        }
        if (!isBlank(cert)) {
            out.put("ssl.keystore.type", "PEM");
            out.put("ssl.keystore.certificate.chain", PemKeys.normalize(cert));
            out.put("ssl.keystore.key", PemKeys.privateKeyAsPkcs8(key, CLIENT_CERT_KEY));
            if (!isBlank(env.get(CLIENT_CERT_KEY_PASSWORD))) out.put("ssl.key.password", env.get(CLIENT_CERT_KEY_PASSWORD));
            tls = true;
        }
        if (!isBlank(env.get(TRUSTED_CERT))) {
            out.put("ssl.truststore.type", "PEM");
            out.put("ssl.truststore.certificates", PemKeys.normalize(env.get(TRUSTED_CERT)));
            tls = true;
        }
        if (protocol != null) out.put("security.protocol", protocol);
        else if (tls) out.putIfAbsent("security.protocol", "SSL");
        return out;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Bootstrap servers and security protocol from a comma-separated list of Kafka URLs. */
    record KafkaUrls(String bootstrapServers, String securityProtocol) {
        static KafkaUrls parse(String text) {
            List<String> servers = new ArrayList<>();
            String protocol = null;
            for (String part : text.split(",")) {
                String item = part.trim();
                if (item.isEmpty()) continue;
                String hostPort;
                String itemProtocol;
                if (item.contains("://")) {
                    // The scheme is read by hand: java.net.URI refuses the '_' in kafka+sasl_ssl.
                    int separator = item.indexOf("://");
                    itemProtocol = protocolOf(item.substring(0, separator), item);
                    URI uri;
                    try {
                        uri = URI.create("tcp://" + item.substring(separator + 3));
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(URL + ": not a URL: " + item);
                    }
                    if (uri.getHost() == null || uri.getPort() < 0) {
                        throw new ConfigException(URL + ": " + item + " needs a host and a port");
                    }
                    hostPort = uri.getHost() + ":" + uri.getPort();
                } else {
                    itemProtocol = null;
                    hostPort = item;
                }
                if (protocol != null && itemProtocol != null && !protocol.equals(itemProtocol)) {
                    throw new ConfigException(URL + ": mixes security protocols " + protocol + " and " + itemProtocol);
                }
                if (itemProtocol != null) protocol = itemProtocol;
                servers.add(hostPort);
            }
            if (servers.isEmpty()) throw new ConfigException(URL + " holds no server");
            return new KafkaUrls(String.join(",", servers), protocol);
        }

        private static String protocolOf(String scheme, String item) {
            return switch (scheme == null ? "" : scheme.toLowerCase(Locale.ROOT)) {
                case "kafka", "plaintext" -> "PLAINTEXT";
                case "kafka+ssl", "ssl" -> "SSL";
                case "kafka+sasl_ssl", "sasl_ssl" -> "SASL_SSL";
                case "kafka+sasl_plaintext", "sasl_plaintext" -> "SASL_PLAINTEXT";
                default -> throw new ConfigException(URL + ": unknown scheme in " + item
                        + " (expected kafka://, kafka+ssl://, kafka+sasl_ssl:// or kafka+sasl_plaintext://)");
            };
        }
    }
}
