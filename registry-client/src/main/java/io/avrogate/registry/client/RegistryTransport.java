package io.avrogate.registry.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one API request to the registry and answers the parsed JSON, or throws {@link RegistryClientException}.
 * Failover: on an I/O error (no connection, reset, timeout) the next base URL is tried; an HTTP error answer is an
 * answer and is not retried elsewhere. The last URL that answered is remembered and tried first next time.
 * Retries: when every URL failed with I/O errors, or a registry answered 429 or 5xx, the request is retried after an
 * exponentially growing, jittered wait, at most {@code max.retries} times. Other 4xx answers are never retried.
 */
final class RegistryTransport implements AutoCloseable {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    static final String ACCEPT = "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9,"
            + " application/json; qs=0.5";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(RegistryTransport.class);

    /** A base URL without user info, and the Authorization header value to send to it (or null). */
    private record Target(String baseUrl, String authorization) {}

    private final List<Target> targets;
    private final AtomicInteger current = new AtomicInteger();
    private final HttpClient http;
    private final Duration readTimeout;
    private final Map<String, String> extraHeaders;
    private final int maxRetries;
    private final long retryWaitMs;
    private final long retryMaxWaitMs;
    /** Bearer tokens from an OAuth token endpoint, or null when the Authorization header is fixed per URL. */
    private final OAuthTokenSource tokens;

    RegistryTransport(RegistryClientConfig config) {
        String bearer = config.oauthBearer() ? null : config.bearerToken();
        List<Target> list = new ArrayList<>();
        for (String url : config.urls()) {
            URI uri = parse(url);
            String auth;
            if (config.oauthBearer()) {
                auth = null;
            } else if (bearer != null) {
                auth = "Bearer " + bearer;
            } else {
                String userInfo = config.basicAuthUserInfo(uri);
                auth = userInfo == null ? null
                        : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
            }
            list.add(new Target(withoutUserInfo(uri), auth));
        }
        this.targets = List.copyOf(list);
        this.readTimeout = Duration.ofMillis(config.getInt(RegistryClientConfig.HTTP_READ_TIMEOUT_MS));
        this.extraHeaders = config.requestHeaders();
        this.maxRetries = config.getInt(RegistryClientConfig.MAX_RETRIES);
        this.retryWaitMs = config.getLong(RegistryClientConfig.RETRIES_WAIT_MS);
        this.retryMaxWaitMs = config.getLong(RegistryClientConfig.RETRIES_MAX_WAIT_MS);

        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofMillis(config.getInt(RegistryClientConfig.HTTP_CONNECT_TIMEOUT_MS)));
        SSLContext ssl = TlsContexts.fromConfig(config);
        if (ssl != null) builder.sslContext(ssl);
        String proxyHost = config.getString(RegistryClientConfig.PROXY_HOST);
        if (proxyHost != null && !proxyHost.isBlank()) {
            int proxyPort = config.getInt(RegistryClientConfig.PROXY_PORT);
            if (proxyPort <= 0) throw new ConfigException(RegistryClientConfig.PROXY_PORT, proxyPort, "required with proxy.host");
            builder.proxy(ProxySelector.of(new InetSocketAddress(proxyHost, proxyPort)));
        }
        this.http = builder.build();
        this.tokens = config.oauthBearer() ? oauthTokens(config, http, readTimeout) : null;
        for (String name : extraHeaders.keySet()) {
            try {
                HttpRequest.newBuilder(URI.create("http://localhost/")).header(name, extraHeaders.get(name));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(RegistryClientConfig.REQUEST_HEADER_PREFIX + name, extraHeaders.get(name),
                        "this header cannot be set: " + e.getMessage());
            }
        }
    }

    private static OAuthTokenSource oauthTokens(RegistryClientConfig config, HttpClient http, Duration timeout) {
        String endpoint = config.getString(RegistryClientConfig.BEARER_AUTH_ISSUER_ENDPOINT_URL);
        String clientId = config.getString(RegistryClientConfig.BEARER_AUTH_CLIENT_ID);
        String secret = config.password(RegistryClientConfig.BEARER_AUTH_CLIENT_SECRET);
        if (endpoint == null || endpoint.isBlank() || clientId == null || clientId.isBlank() || secret == null) {
            throw new ConfigException(RegistryClientConfig.BEARER_AUTH_CREDENTIALS_SOURCE, "OAUTHBEARER",
                    RegistryClientConfig.BEARER_AUTH_ISSUER_ENDPOINT_URL + ", " + RegistryClientConfig.BEARER_AUTH_CLIENT_ID
                            + " and " + RegistryClientConfig.BEARER_AUTH_CLIENT_SECRET + " are required");
        }
        URI uri;
        try {
            uri = new URI(endpoint.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException(RegistryClientConfig.BEARER_AUTH_ISSUER_ENDPOINT_URL, endpoint, "not a URL");
        }
        return new OAuthTokenSource(uri, clientId.trim(), secret,
                config.getString(RegistryClientConfig.BEARER_AUTH_SCOPE),
                Duration.ofSeconds(config.getLong(RegistryClientConfig.BEARER_AUTH_CACHE_EXPIRY_BUFFER_SECONDS)),
                http, timeout, java.time.Clock.systemUTC());
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
                throw new ConfigException(RegistryClientConfig.URL, url, "expected http://host:port or https://host:port");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(RegistryClientConfig.URL, url, "not a URL: " + e.getMessage());
        }
    }

    private static String withoutUserInfo(URI uri) {
        try {
            String s = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getRawPath() == null ? null
                    : uri.getPath(), null, null).toString();
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        } catch (URISyntaxException e) {
            throw new ConfigException(RegistryClientConfig.URL, uri.toString(), e.getMessage());
        }
    }

    /** The base URLs in configured order, without credentials. */
    List<String> baseUrls() {
        return targets.stream().map(Target::baseUrl).toList();
    }

    /**
     * Sends the request and answers the response body as JSON.
     *
     * @param pathAndQuery already URL-encoded, starting with '/'
     * @param body         the JSON body, or null
     */
    JsonNode send(String method, String pathAndQuery, JsonNode body) {
        byte[] bytes = body == null ? null : toBytes(body);
        int attempt = 0;
        boolean refreshedToken = false;
        while (true) {
            Outcome outcome = sendOnce(method, pathAndQuery, bytes);
            if (outcome.result != null) return outcome.result;
            if (tokens != null && !refreshedToken && outcome.exception.status() == 401) {
                // The token may have been revoked or expired early: fetch a fresh one once before giving up.
                refreshedToken = true;
                tokens.invalidate(outcome.rejectedToken);
                continue;
            }
            if (!outcome.transientFailure() || attempt >= maxRetries) throw outcome.exception;
            long wait = backoff(attempt++);
            log.warn("{} {} failed ({}); retry {} of {} in {} ms", method, pathAndQuery, outcome.exception.getMessage(),
                    attempt, maxRetries, wait);
            sleep(wait);
        }
    }

    /** The outcome of one round over the URLs: a result, or the exception to throw and whether to retry. */
    private record Outcome(JsonNode result, RegistryClientException exception, boolean transientFailure,
                           String rejectedToken) {
        Outcome(JsonNode result, RegistryClientException exception, boolean transientFailure) {
            this(result, exception, transientFailure, null);
        }
    }

    private Outcome sendOnce(String method, String pathAndQuery, byte[] body) {
        int start = current.get();
        IOException lastIo = null;
        String lastUrl = null;
        String token = tokens == null ? null : tokens.token();
        for (int i = 0; i < targets.size(); i++) {
            int index = (start + i) % targets.size();
            Target target = targets.get(index);
            lastUrl = target.baseUrl() + pathAndQuery;
            HttpResponse<byte[]> response;
            try {
                response = http.send(request(target, token, method, pathAndQuery, body),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                lastIo = e;
                log.debug("{} unreachable ({}), trying the next URL", target.baseUrl(), e.toString());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryClientException("interrupted while calling " + lastUrl, e);
            }
            current.set(index);
            int status = response.statusCode();
            if (status >= 200 && status < 300) return new Outcome(parseBody(response.body(), lastUrl), null, false);
            RegistryClientException error = errorOf(status, response.body(), method, lastUrl);
            return new Outcome(null, error, status == 429 || status >= 500, token);
        }
        String reason = lastIo == null ? "no URL" : lastIo.getClass().getSimpleName()
                + (lastIo.getMessage() == null ? "" : ": " + lastIo.getMessage());
        String message = "no schema registry reachable at " + baseUrls() + " (" + reason + ")";
        if (isCertificateFailure(lastIo)) {
            // A certificate refused on either side is a setting to fix, not an outage to wait out: no retries.
            return new Outcome(null, RegistryClientException.tlsRefused(message + ": the TLS handshake failed on a"
                    + " certificate; check schema.registry.ssl.* (trust store, client certificate)", lastIo), false);
        }
        return new Outcome(null, new RegistryClientException(message, lastIo), true);
    }

    /**
     * A handshake that failed on a certificate: the registry's not trusted or not matching its host name, or ours
     * refused (the server's alerts certificate_unknown, bad_certificate, certificate_required, unknown_ca, ...).
     * Other handshake failures, such as a peer that closed the connection, may be passing.
     */
    static boolean isCertificateFailure(IOException error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLHandshakeException || t instanceof java.security.cert.CertificateException) {
                String message = String.valueOf(t.getMessage());
                if (message.contains("certificate") || message.contains("PKIX") || message.contains("unknown_ca")
                        || message.contains("access_denied") || message.contains("subject alternative")
                        || message.contains("No name matching")) {
                    return true;
                }
            }
        }
        return false;
    }

    private HttpRequest request(Target target, String token, String method, String pathAndQuery, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target.baseUrl() + pathAndQuery))
                .timeout(readTimeout)
                .header("Accept", ACCEPT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) b.header("Content-Type", CONTENT_TYPE);
        if (token != null) b.header("Authorization", "Bearer " + token);
        else if (target.authorization() != null) b.header("Authorization", target.authorization());
        extraHeaders.forEach(b::header);
        return b.build();
    }

    private static JsonNode parseBody(byte[] body, String url) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            // 50005 is the code Confluent's client uses for an unparsable response.
            throw new RegistryClientException(200, 50005, "the registry at " + url + " answered with a body that is not"
                    + " JSON: " + snippet(body));
        }
    }

    /** Confluent's {"error_code","message"} when the body has it; otherwise the status and the body's beginning. */
    static RegistryClientException errorOf(int status, byte[] body, String method, String url) {
        try {
            JsonNode error = JSON.readTree(body);
            if (error != null && error.isObject() && error.has("error_code")) {
                return new RegistryClientException(status, error.path("error_code").asInt(status),
                        error.path("message").asText("HTTP " + status));
            }
        } catch (IOException e) {
            // not JSON: described below
        }
        String text = snippet(body);
        return new RegistryClientException(status, status, method + " " + url + " answered HTTP " + status
                + (text.isEmpty() ? "" : ": " + text));
    }

    private static String snippet(byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private long backoff(int attempt) {
        long wait = retryWaitMs << Math.min(attempt, 20);
        if (wait <= 0 || wait > retryMaxWaitMs) wait = retryMaxWaitMs;
        // Jitter: a random half of the wait, so that many clients do not retry in lockstep.
        return wait / 2 + (wait > 1 ? ThreadLocalRandom.current().nextLong(wait / 2 + 1) : 0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryClientException("interrupted while waiting to retry", e);
        }
    }

    private static byte[] toBytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Nothing to release on Java 17: the JDK client's connections close when it is no longer referenced. */
    @Override
    public void close() {
    }
}
