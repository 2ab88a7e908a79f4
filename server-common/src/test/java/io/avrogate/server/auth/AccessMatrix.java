package io.avrogate.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The client side of the services' authorization matrices (shared through the test jar): sends a request as one of
 * the {@link TestUsers} over real HTTP(S) and checks an answer against the expected allow or deny, in the shape the
 * issue asks for: a denial is 401 with a {@code WWW-Authenticate} challenge and {@code 40101} for a request without
 * credentials (or the anonymous role), 403 with {@code 40301} for an authenticated principal; an allowed request is
 * answered by the route itself (any status but 401, 403 and 5xx).
 */
public final class AccessMatrix {
    /** An answer: status, the challenge header (or null) and the body. */
    public record Answer(int status, String challenge, String body) {}

    private final HttpClient client;

    /** @param tls the client's TLS context for {@code https://} listeners, or null */
    public AccessMatrix(SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (tls != null) builder.sslContext(tls);
        client = builder.build();
    }

    /** Sends a request; {@code user} is a {@link TestUsers} user, or null for none (no Authorization header). */
    public Answer send(String url, String method, String body, String user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        if (user != null) request.header("Authorization", TestUsers.basic(user));
        return send(request.build());
    }

    public Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("WWW-Authenticate").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asserts the answer is the expected allow or deny.
     *
     * @param anonymous whether the request carried no credentials (a denial is then a 401 challenge)
     * @param what      names the case in a failure
     */
    public static void assertOutcome(Answer answer, boolean allowed, boolean anonymous, String what) {
        if (allowed) {
            assertThat(answer.status()).as(what + " is allowed: " + answer.body()).isNotIn(401, 403).isLessThan(500);
        } else if (anonymous) {
            assertUnauthorized(answer, what);
        } else {
            assertThat(answer.status()).as(what + " is forbidden: " + answer.body()).isEqualTo(403);
            assertThat(answer.body()).as(what).contains("\"error_code\":" + AccessControl.FORBIDDEN_CODE);
        }
    }

    /** A 401 with a Basic challenge and Confluent's 40101 body. */
    public static void assertUnauthorized(Answer answer, String what) {
        assertThat(answer.status()).as(what + " needs credentials: " + answer.body()).isEqualTo(401);
        assertThat(answer.challenge()).as(what + ": WWW-Authenticate").startsWith("Basic realm=");
        assertThat(answer.body()).as(what).contains("\"error_code\":" + AccessControl.UNAUTHORIZED_CODE);
    }
}
