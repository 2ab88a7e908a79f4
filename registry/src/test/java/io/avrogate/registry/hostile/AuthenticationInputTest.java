package io.avrogate.registry.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.avrogate.registry.RegistryServer;
import io.avrogate.server.LogCapture;
import io.avrogate.server.RawHttp;
import io.avrogate.server.auth.AccessControl;
import io.avrogate.server.auth.AuthConfig;
import io.avrogate.server.auth.TestUsers;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.KafkaExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to the authentication layer of a real registry (BASIC, ACL file): malformed {@code Authorization}
 * headers, wrong schemes, oversized and non-ASCII credentials, and a password-guessing loop. Every one is a 401 with
 * a challenge, never a 5xx, none registers anything, and no answer or log line repeats what was sent. The requests
 * are raw bytes from chosen loopback addresses, so that each case has its own failure count (the lockout is per
 * client address). JWT cases are server-common's (BearerAuthenticationTest).
 */
@ExtendWith(KafkaExtension.class)
class AuthenticationInputTest {
    private static final int FAILURE_LIMIT = 5;
    private static final String MALFORMED = "orders-malformed-value";
    private static final String GUESSED = "orders-guessed-value";
    private static final String BODY = "{\"schema\":\"\\\"string\\\"\"}";
    private static final String SECRET_GUESS = "guess-4711-";

    @TempDir
    static Path dir;
    private static RegistryServer server;

    @BeforeAll
    static void start(EmbeddedKafka kafka) throws Exception {
        Map<String, Object> props = new HashMap<>(TestUsers.basicAuth(dir, false));
        props.putAll(Map.of("listeners", "http://127.0.0.1:0", "kafkastore.bootstrap.servers", kafka.bootstrapServers(),
                "kafkastore.topic", "_schemas-authn-" + UUID.randomUUID(), "kafkastore.timeout.ms", 10000,
                AuthConfig.FAILURE_LIMIT, FAILURE_LIMIT, AuthConfig.FAILURE_LOCKOUT_MS, 60_000));
        server = RegistryServer.start(props);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String base64(String text) {
        return base64(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A POST that would register under the subject, from {@code from}, with the Authorization header (or none). */
    private static String post(String from, String subject, String authorization) throws Exception {
        String request = "POST /subjects/" + subject + "/versions HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Type: application/vnd.schemaregistry.v1+json\r\nContent-Length: " + BODY.length() + "\r\n\r\n" + BODY;
        return RawHttp.exchange(from, server.port(), request);
    }

    private static void assertUnauthorized(String response, String what) {
        assertThat(RawHttp.status(response)).as(what + ": " + response).isEqualTo(401);
        assertThat(response).as(what).containsIgnoringCase("WWW-Authenticate: Basic realm=")
                .contains("\"error_code\":" + AccessControl.UNAUTHORIZED_CODE);
    }

    private static String subjects() throws Exception {
        return RawHttp.exchange("127.0.0.1", server.port(), "GET /subjects?deleted=true HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\nAuthorization: " + TestUsers.basic(TestUsers.ADMIN) + "\r\n\r\n");
    }

    @Test
    void malformedHeadersAndWrongSchemesAre401() throws Exception {
        String admin = TestUsers.passwordOf(TestUsers.ADMIN);
        List<String> headers = List.of(
                "Basic", "Basic ", "Basic    ", "Basic !!!not-base64!!!", "Basic " + base64("no-colon"),
                "Basic " + base64(":"), "Basic " + base64(":" + admin), "Basic " + base64("admin:" + admin) + "@@",
                "Basic " + base64(new byte[] {(byte) 0xff, (byte) 0xfe, ':', (byte) 0xc3}),
                "Basic " + base64("admin:" + SECRET_GUESS + "wrong"), "Basic " + base64("nobody:" + SECRET_GUESS + "x"),
                "Basic \u00e9\u00e8\u00ff", "Basic " + "A".repeat(5000), "Bearer " + base64("admin:" + admin),
                "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.", "Digest username=\"admin\", response=\"x\"",
                "Negotiate YIIB", "NTLM TlRMTVNTUAABAAAA", base64("admin:" + admin), "\t", ",,,", "Basic=abc");
        try (LogCapture logs = new LogCapture()) {
            // Each from its own address: the lockout would otherwise answer the later ones unchecked.
            for (int i = 0; i < headers.size(); i++) {
                assertUnauthorized(post("127.0.1." + (i + 1), MALFORMED, headers.get(i)), "Authorization: " + headers.get(i));
            }
            assertUnauthorized(post("127.0.1.100", MALFORMED, null), "no Authorization header");
            assertThat(logs.events()).extracting(ILoggingEvent::getFormattedMessage)
                    .noneMatch(line -> line.contains(SECRET_GUESS) || line.contains(admin));
            assertThat(logs.withStackTrace()).isEmpty();
        }
        assertThat(subjects()).as("nothing was registered").doesNotContain(MALFORMED);
        // The scheme is case-insensitive (RFC 9110): the right credentials in lower case get in.
        String ok = post("127.0.1.101", MALFORMED, "basic " + base64("admin:" + admin));
        assertThat(RawHttp.status(ok)).as(ok).isEqualTo(200);
        assertThat(subjects()).contains(MALFORMED);
    }

    @Test
    void guessingPasswordsLocksTheAddressOut() throws Exception {
        String guesser = "127.0.2.1";
        for (int i = 0; i < 50; i++) {
            String response = post(guesser, GUESSED, TestUsers.basic(TestUsers.WRITER, SECRET_GUESS + i));
            assertUnauthorized(response, "guess " + i);
            assertThat(response).doesNotContain(SECRET_GUESS);
        }
        // Locked out: even the right password is not checked from that address for a while...
        assertUnauthorized(post(guesser, GUESSED, TestUsers.basic(TestUsers.WRITER)), "right password while locked out");
        assertThat(subjects()).as("nothing was registered").doesNotContain(GUESSED);
        // ...while the user from another address is not locked out with it (no denial of service on the account).
        String other = post("127.0.2.2", GUESSED, TestUsers.basic(TestUsers.WRITER));
        assertThat(RawHttp.status(other)).as(other).isEqualTo(200);
        assertThat(subjects()).contains(GUESSED);
    }
}
