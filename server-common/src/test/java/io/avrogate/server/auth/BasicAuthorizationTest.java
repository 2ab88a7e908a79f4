package io.avrogate.server.auth;

import static io.avrogate.server.auth.TestApp.basic;
import static io.avrogate.server.auth.TestApp.passwordOf;
import static io.avrogate.server.auth.TestApp.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP Basic and the ACL over real HTTP: who may do what, and what bad credentials get. */
class BasicAuthorizationTest {
    static final String ACL = """
            grants:
              - roles: [orders-readers]
                subjects: ["orders-*"]
                operations: [READ]
              - roles: [orders-writers]
                subjects: ["orders-*"]
                operations: [WRITE]
              - roles: [admins]
                subjects: ["*"]
                global: true
                operations: [ADMIN]
              - roles: [anonymous]
                subjects: ["public-*"]
                operations: [ADMIN]   # the anonymous role still only reads
            """;

    @TempDir
    static Path dir;
    static TestApp app;

    @BeforeAll
    static void start() throws Exception {
        Path users = TestApp.credentials(dir.resolve("users"), Map.of("reader", List.of("orders-readers"),
                "writer", List.of("orders-writers"), "admin", List.of("admins")));
        Files.writeString(dir.resolve("acl.yaml"), ACL);
        app = TestApp.start(TestApp.accessControl(settings(AuthConfig.METHOD, "BASIC",
                AuthConfig.REALM, "registry", AuthConfig.CREDENTIALS_FILE, users.toString(),
                AuthConfig.ANONYMOUS_ROLE, "anonymous", AuthConfig.ACL_FILE, dir.resolve("acl.yaml").toString(),
                AuthConfig.FAILURE_LIMIT, "100000")));
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    /** method, path, then the status for anonymous, reader of orders-*, writer of orders-*, admin. */
    static final List<List<Object>> MATRIX = List.of(
            List.of("GET", "/subjects/orders-value/versions", 401, 200, 200, 200),
            List.of("GET", "/subjects/payments-value/versions", 401, 403, 403, 200),
            List.of("GET", "/subjects/public-x/versions", 200, 403, 403, 200),
            List.of("POST", "/subjects/orders-value/versions", 401, 403, 200, 200),
            List.of("POST", "/subjects/payments-value/versions", 401, 403, 403, 200),
            List.of("POST", "/subjects/public-x/versions", 401, 403, 403, 200),
            List.of("DELETE", "/subjects/orders-value", 401, 403, 200, 200),
            List.of("DELETE", "/subjects/orders-value?permanent=true", 401, 403, 403, 200),
            List.of("PUT", "/config/orders-value", 401, 403, 403, 200),
            List.of("GET", "/config", 401, 403, 403, 200),
            List.of("PUT", "/config", 401, 403, 403, 200),
            List.of("GET", "/schemas/ids/1", 401, 200, 200, 200),
            List.of("GET", "/schemas/ids/2", 401, 403, 403, 200),
            List.of("GET", "/schemas/ids/3", 200, 403, 403, 200),
            List.of("GET", "/schemas/ids/99", 401, 403, 403, 200),
            List.of("GET", "/whoami", 200, 200, 200, 200),
            List.of("GET", "/health", 200, 200, 200, 200));

    @Test
    void authorizationMatrix() {
        List<String> users = new ArrayList<>();
        users.add(null);
        users.addAll(List.of("reader", "writer", "admin"));
        List<String> mismatches = new ArrayList<>();
        for (List<Object> row : MATRIX) {
            for (int u = 0; u < users.size(); u++) {
                String user = users.get(u);
                TestApp.Response r = app.send((String) row.get(0), (String) row.get(1),
                        user == null ? null : basic(user, passwordOf(user)));
                int expected = (Integer) row.get(2 + u);
                if (r.status() != expected) {
                    mismatches.add(row.get(0) + " " + row.get(1) + " as " + (user == null ? "anonymous" : user)
                            + ": expected " + expected + ", got " + r.status() + " " + r.body());
                }
                if (r.status() == 401) {
                    assertThat(r.header("WWW-Authenticate")).isEqualTo("Basic realm=\"registry\", charset=\"UTF-8\"");
                    assertThat(r.body()).contains("\"error_code\":40101");
                }
                if (r.status() == 403) assertThat(r.body()).contains("\"error_code\":40301").contains(user);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void subjectListsAreFilteredToWhatThePrincipalMayRead() {
        assertThat(app.send("GET", "/subjects", null).body()).isEqualTo("[\"public-x\"]");
        assertThat(app.send("GET", "/subjects", basic("reader", passwordOf("reader"))).body())
                .isEqualTo("[\"orders-value\",\"orders-key\"]");
        assertThat(app.send("GET", "/subjects", basic("admin", passwordOf("admin"))).body())
                .isEqualTo("[\"orders-value\",\"orders-key\",\"payments-value\",\"public-x\"]");
    }

    @Test
    void thePrincipalAndItsRolesComeFromTheCredentialsFile() {
        assertThat(app.send("GET", "/whoami", basic("writer", passwordOf("writer"))).body()).isEqualTo("writer [orders-writers]");
        assertThat(app.send("GET", "/whoami", null).body()).isEqualTo("ANONYMOUS [anonymous]");
    }

    @Test
    void malformedAndWrongCredentialsGet401NeverA5xx() throws Exception {
        Base64.Encoder b64 = Base64.getEncoder();
        List<String> headers = List.of(
                "Basic !!!not-base64!!!",
                "Basic " + b64.encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)),
                "Basic",
                "Basic    ",
                "basic " + b64.encodeToString(":".getBytes(StandardCharsets.UTF_8)),
                "Basic " + b64.encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, ':', (byte) 0xc3}),
                "Bearer eyJhbGciOiJub25lIn0.e30.",
                "Digest username=\"admin\", realm=\"registry\"",
                "Negotiate YIIFyQYGKwYBBQUCoIIFvTCCBbmgMDAuBgkqhkiC9xIBAgIGCSqGSIb3EgECAgYKKwYBBAGCNwICHgYKKwYBBAGCNwICCg==",
                "Basic " + b64.encodeToString(("admin:" + "x".repeat(3000)).getBytes(StandardCharsets.UTF_8)),
                "Basic " + "QUFB".repeat(1500),
                basic("admin", "wrong"),
                basic("nobody", "whatever"),
                basic("admin", passwordOf("admin") + " "),
                "x");
        for (String header : headers) {
            TestApp.Response r = app.send("GET", "/subjects/orders-value/versions", header);
            assertThat(r.status()).as(header).isEqualTo(401);
            assertThat(r.body()).as(header).contains("\"error_code\":40101").doesNotContain("x".repeat(50));
            assertThat(r.header("WWW-Authenticate")).as(header).startsWith("Basic realm=");
        }
        // Bytes a client library would refuse to send, and a header past the listener's own limit.
        assertThat(app.rawStatus("127.0.0.1", "/subjects/orders-value/versions", new byte[] {'B', 'a', 's', 'i', 'c', ' ', (byte) 0xc0, (byte) 0xaf, (byte) 0xff}))
                .isEqualTo(401);
        assertThat(app.rawStatus("127.0.0.1", "/subjects/orders-value/versions", ("Basic " + "A".repeat(40_000)).getBytes(StandardCharsets.US_ASCII)))
                .isBetween(400, 499);
    }

    @Test
    void passwordGuessingIsCutOffPerClientAddress() throws Exception {
        Path users = TestApp.credentials(dir.resolve("guess-users"), Map.of("admin", List.of("admins")));
        try (TestApp guarded = TestApp.start(TestApp.accessControl(settings(AuthConfig.METHOD, "BASIC",
                AuthConfig.CREDENTIALS_FILE, users.toString(), AuthConfig.FAILURE_LIMIT, "5",
                AuthConfig.FAILURE_LOCKOUT_MS, "60000")))) {
            for (int i = 0; i < 5; i++) {
                TestApp.Response r = guarded.send("GET", "/whoami", basic("admin", "guess-" + i));
                assertThat(r.status()).isEqualTo(401);
                assertThat(r.body()).contains("Invalid user name or password");
            }
            // Locked out: even the right password is not checked now.
            TestApp.Response locked = guarded.send("GET", "/whoami", basic("admin", passwordOf("admin")));
            assertThat(locked.status()).isEqualTo(401);
            assertThat(locked.body()).contains("Too many failed attempts");
            // Another client address is not affected.
            assertThat(guarded.rawStatus("127.0.0.2", "/whoami",
                    basic("admin", passwordOf("admin")).getBytes(StandardCharsets.US_ASCII))).isEqualTo(200);
        }
    }

    @Test
    void aPlainTextPasswordLineIsRefusedAtStartupWithoutRepeatingIt() throws Exception {
        Path users = dir.resolve("plain-users");
        Files.writeString(users, "# users\n" + CredentialsFile.line("alice",
                PasswordHash.create("pw".toCharArray(), PasswordHash.MIN_ITERATIONS), List.of()) + "\nbob: hunter2,admins\n");
        assertThatThrownBy(() -> TestApp.accessControl(settings(AuthConfig.METHOD, "BASIC",
                AuthConfig.CREDENTIALS_FILE, users.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(users + " line 3")
                .hasMessageContaining("user 'bob'")
                .hasMessageContaining("avrogate passwd bob")
                .hasMessageNotContaining("hunter2");
    }
}
