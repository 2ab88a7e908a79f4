package io.avrogate.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Bearer tokens from an OAuth 2.0 token endpoint by the client-credentials grant (RFC 6749 §4.4), as Confluent's
 * {@code bearer.auth.credentials.source=OAUTHBEARER}. A token is fetched on first use and reused until shortly before
 * it expires, so the registry sees one token request per token lifetime, not one per API call. The client secret is
 * sent only to the token endpoint and never appears in a message.
 */
final class OAuthTokenSource {
    private final URI endpoint;
    private final String clientAuthorization;
    private final String scope;
    private final Duration expiryBuffer;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    private String token;
    private Instant refreshAt = Instant.MIN;

    OAuthTokenSource(URI endpoint, String clientId, String clientSecret, String scope, Duration expiryBuffer,
                     HttpClient http, Duration timeout, Clock clock) {
        this.endpoint = endpoint;
        // client_secret_basic: the form-encoded id and secret as basic credentials (RFC 6749 §2.3.1).
        String pair = form(clientId) + ":" + form(clientSecret);
        this.clientAuthorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        this.scope = scope;
        this.expiryBuffer = expiryBuffer;
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** A valid token, fetched when none is cached or the cached one is about to expire. */
    synchronized String token() {
        if (token == null || !clock.instant().isBefore(refreshAt)) fetch();
        return token;
    }

    /** Forgets {@code rejected} (the registry answered 401 to it), so the next call fetches a new one. */
    synchronized void invalidate(String rejected) {
        if (rejected != null && rejected.equals(token)) token = null;
    }

    private void fetch() {
        String body = "grant_type=client_credentials" + (scope == null || scope.isBlank() ? "" : "&scope=" + form(scope));
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", clientAuthorization)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RegistryClientException("cannot reach the OAuth token endpoint " + endpoint + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); check " + RegistryClientConfig.BEARER_AUTH_ISSUER_ENDPOINT_URL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryClientException("interrupted while fetching a token from " + endpoint, e);
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() != 200 || answer == null || !answer.path("access_token").isTextual()) {
            String reason = answer == null ? "" : answer.path("error").asText("");
            throw new RegistryClientException(401, 40101, "the OAuth token endpoint " + endpoint + " refused the client"
                    + " credentials (HTTP " + response.statusCode() + (reason.isEmpty() ? "" : ", " + reason)
                    + "); check " + RegistryClientConfig.BEARER_AUTH_CLIENT_ID + " and "
                    + RegistryClientConfig.BEARER_AUTH_CLIENT_SECRET);
        }
        Instant now = clock.instant();
        long lifetime = answer.path("expires_in").asLong(0);
        Duration life = Duration.ofSeconds(lifetime > 0 ? lifetime : 60);
        // Refresh ahead of expiry by the buffer, but never spend more than half a short token's life refreshing.
        Duration ahead = expiryBuffer.compareTo(life.dividedBy(2)) < 0 ? expiryBuffer : life.dividedBy(2);
        token = answer.get("access_token").asText();
        refreshAt = now.plus(life).minus(ahead);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return RegistryTransport.JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
