package io.avrogate.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.registry.RegistryServer;
import io.avrogate.registry.TestHttp;
import io.avrogate.server.auth.PasswordHash;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.KafkaExtension;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry takes server-common's authentication settings, as the compose file's secure profile sets them
 * (SCHEMA_REGISTRY_AUTHENTICATION_METHOD, ..._CREDENTIALS_FILE, ..._ACL_FILE): basic credentials are required,
 * and the ACL decides who may read and who may write.
 */
@ExtendWith(KafkaExtension.class)
class RegistryBasicAuthTest {
    @TempDir
    Path dir;

    @Test
    void basicAuthAndTheAclFileAreEnforced(EmbeddedKafka kafka) throws Exception {
        Path credentials = dir.resolve("credentials");
        Files.writeString(credentials, "admin: " + hash("admin-pw") + ",admins\nreader: " + hash("reader-pw") + ",readers\n");
        Path acl = dir.resolve("acl.yaml");
        Files.writeString(acl, """
                grants:
                  - roles: [admins]
                    subjects: ["*"]
                    global: true
                    operations: [ADMIN]
                  - roles: [readers]
                    subjects: ["*"]
                    operations: [READ]
                """);
        try (RegistryServer server = RegistryServer.start(Map.of(
                "listeners", "http://127.0.0.1:0",
                "kafkastore.bootstrap.servers", kafka.bootstrapServers(),
                "kafkastore.topic", "_schemas-auth-" + UUID.randomUUID(),
                "authentication.method", "BASIC",
                "avrogate.authentication.credentials.file", credentials.toString(),
                "avrogate.authorization.acl.file", acl.toString()))) {
            String schema = TestHttp.recordSchema("Secured");
            String body = TestHttp.JSON.createObjectNode().put("schema", schema).toString();

            TestHttp.Answer anonymous = new TestHttp(server.url()).register("orders-value", schema);
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.errorCode()).isEqualTo(40101);
            assertThat(send(server, "POST", "/subjects/orders-value/versions", body, "reader", "wrong").status()).isEqualTo(401);
            assertThat(send(server, "POST", "/subjects/orders-value/versions", body, "reader", "reader-pw").status()).isEqualTo(403);
            assertThat(send(server, "POST", "/subjects/orders-value/versions", body, "admin", "admin-pw").status()).isEqualTo(200);
            assertThat(send(server, "GET", "/subjects/orders-value/versions", null, "reader", "reader-pw").body()).isEqualTo("[1]");
            // The probes stay open: a container healthcheck and a Kubernetes probe carry no credentials.
            assertThat(new TestHttp(server.url()).get("/health/ready").status()).isEqualTo(200);
        }
    }

    private static String hash(String password) {
        return PasswordHash.create(password.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
    }

    private static TestHttp.Answer send(RegistryServer server, String method, String path, String body, String user, String password) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        if (body != null) b.header("Content-Type", TestHttp.V1);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return TestHttp.send(b.build());
    }
}
