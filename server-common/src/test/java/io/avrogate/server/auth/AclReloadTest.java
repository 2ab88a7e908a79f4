package io.avrogate.server.auth;

import static io.avrogate.server.auth.TestApp.basic;
import static io.avrogate.server.auth.TestApp.passwordOf;
import static io.avrogate.server.auth.TestApp.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The ACL file is re-read when it changes; a broken version is logged and the last good one stays in force. */
class AclReloadTest {
    @TempDir
    Path dir;

    private static final String READ_ONLY = """
            grants:
              - principals: [alice]
                subjects: ["orders-*"]
                operations: [READ]
            """;
    private static final String READ_WRITE = READ_ONLY.replace("[READ]", "[WRITE]");

    @Test
    void aValidChangeAppliesAndAnInvalidOneKeepsTheLastGood() throws Exception {
        Path users = TestApp.credentials(dir.resolve("users"), Map.of("alice", List.of()));
        Path acl = dir.resolve("acl.yaml");
        write(acl, READ_ONLY, 0);
        ch.qos.logback.classic.Logger watched = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(WatchedFile.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        watched.addAppender(logged);
        try (TestApp app = TestApp.start(TestApp.accessControl(settings(AuthConfig.METHOD, "BASIC",
                AuthConfig.CREDENTIALS_FILE, users.toString(), AuthConfig.ACL_FILE, acl.toString(),
                AuthConfig.ACL_RELOAD_MS, "100")))) {
            String alice = basic("alice", passwordOf("alice"));
            assertThat(app.send("GET", "/subjects/orders-value/versions", alice).status()).isEqualTo(200);
            assertThat(app.send("POST", "/subjects/orders-value/versions", alice).status()).isEqualTo(403);

            write(acl, READ_WRITE, 10);
            awaitStatus(app, "POST", "/subjects/orders-value/versions", alice, 200);

            write(acl, "grants:\n  - principals: [alice]\n    subjects: [\"*\"]\n    operations: [WRTIE]\n", 20);
            awaitLogged(logged, Level.ERROR, "keeping the last good version");
            assertThat(app.send("POST", "/subjects/orders-value/versions", alice).status()).isEqualTo(200);
            assertThat(app.send("GET", "/subjects/payments-value/versions", alice).status()).isEqualTo(403);

            write(acl, "not: [valid yaml", 30);
            awaitLogged(logged, Level.ERROR, acl.toString());
            assertThat(app.send("POST", "/subjects/orders-value/versions", alice).status()).isEqualTo(200);

            write(acl, READ_ONLY, 40);
            awaitStatus(app, "POST", "/subjects/orders-value/versions", alice, 403);
        } finally {
            watched.detachAppender(logged);
        }
    }

    @Test
    void anInvalidFileStopsStartupWithTheReason() throws Exception {
        Path acl = dir.resolve("acl.yaml");
        Files.writeString(acl, "grants:\n  - roles: [x]\n    operations: [READ]\n");
        assertThatThrownBy(() -> TestApp.accessControl(settings(AuthConfig.ACL_FILE, acl.toString())))
                .hasMessageContaining(acl + " grant 1: names no subjects, topics, services or global");
        Files.writeString(acl, "grants:\n  - roles: [x]\n    subjects: [a]\n    operations: [READ]\n    colour: blue\n");
        assertThatThrownBy(() -> TestApp.accessControl(settings(AuthConfig.ACL_FILE, acl.toString())))
                .hasMessageContaining("colour");
    }

    @Test
    void withAnAclAndNoAuthenticationOnlyTheAnonymousGrantsApplyAndOnlyForReading() throws Exception {
        Path acl = dir.resolve("acl.yaml");
        Files.writeString(acl, "grants:\n  - principals: [ANONYMOUS]\n    subjects: [\"public-*\"]\n    operations: [WRITE]\n");
        try (TestApp app = TestApp.start(TestApp.accessControl(settings(AuthConfig.ACL_FILE, acl.toString())))) {
            assertThat(app.access.open()).isFalse();
            assertThat(app.send("GET", "/subjects/public-x/versions", null).status()).isEqualTo(200);
            TestApp.Response denied = app.send("POST", "/subjects/public-x/versions", null);
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.header("WWW-Authenticate")).isNull();
            assertThat(app.send("GET", "/subjects/orders-value/versions", null).status()).isEqualTo(403);
            // Method NONE ignores Authorization headers, as before authentication existed.
            assertThat(app.send("GET", "/subjects/public-x/versions", "Basic garbage").status()).isEqualTo(200);
        }
        try (TestApp open = TestApp.start(TestApp.accessControl(settings()))) {
            assertThat(open.access.open()).isTrue();
            assertThat(open.send("PUT", "/config", null).status()).isEqualTo(200);
        }
    }

    /** Writes the file with a distinct modification time, so that even a same-size change is seen. */
    private static void write(Path file, String content, int secondsLater) throws Exception {
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(secondsLater)));
    }

    private static void awaitStatus(TestApp app, String method, String path, String auth, int status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (app.send(method, path, auth).status() != status) {
            assertThat(Instant.now()).as("waiting for " + method + " " + path + " to answer " + status).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private static void awaitLogged(ListAppender<ILoggingEvent> logged, Level level, String text) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            synchronized (logged.list) {
                if (logged.list.stream().anyMatch(e -> e.getLevel() == level && e.getFormattedMessage().contains(text))) {
                    logged.list.clear();
                    return;
                }
            }
            assertThat(Instant.now()).as("waiting for a log line containing " + text).isBefore(deadline);
            Thread.sleep(50);
        }
    }
}
