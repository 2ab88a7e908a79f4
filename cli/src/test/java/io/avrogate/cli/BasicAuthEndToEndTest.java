package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.server.auth.CredentialsFile;
import io.avrogate.server.auth.PasswordHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pipeline against a registry with {@code authentication.method=BASIC}; clients use {@code USER_INFO}. */
class BasicAuthEndToEndTest extends SecuredEndToEndTest {
    private final String password = "pw-" + UUID.randomUUID();
    private final String wrongPassword = "guess-" + UUID.randomUUID();
    private final String readerPassword = "rpw-" + UUID.randomUUID();

    @Override
    Map<String, String> securitySettings() throws Exception {
        Path credentials = Files.writeString(dir.resolve("credentials"),
                CredentialsFile.line(PRINCIPAL, PasswordHash.create(password.toCharArray(), PasswordHash.MIN_ITERATIONS), List.of()) + "\n"
                + CredentialsFile.line(READER, PasswordHash.create(readerPassword.toCharArray(), PasswordHash.MIN_ITERATIONS), List.of()) + "\n");
        return Map.of("listeners", "http://127.0.0.1:0",
                "authentication.method", "BASIC",
                "avrogate.authentication.credentials.file", credentials.toString());
    }

    @Override
    Map<String, String> rightClient() {
        return Map.of("basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", PRINCIPAL + ":" + password);
    }

    @Override
    Map<String, String> wrongClient() {
        return Map.of("basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", PRINCIPAL + ":" + wrongPassword);
    }

    @Override
    String refusal() {
        return "40101";
    }

    @Override
    List<String> secrets() {
        return List.of(password, wrongPassword, readerPassword);
    }

    @Test
    void aPrincipalThatMayOnlyReadIsRefusedARegistrationInOneLine() throws Exception {
        SchemaRepoFixture repo = new SchemaRepoFixture(dir.resolve("reader-repo"));
        String subject = "reader-" + suffix + "-value";
        repo.subject(subject, SchemaRepoFixture.clicksYaml("BACKWARD").replace("topic: clicks", "topic: reader-" + suffix))
                .version(subject, 1, CLICK.toString());
        repo.commit("clicks v1");
        Path config = properties("reader", Map.of("basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", READER + ":" + readerPassword));

        var refused = avrogate("register", "--schemas", repo.schemas.toString(), "--registry", registry.url(),
                "--registry-config", config.toString());

        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
        assertThat(refused.err().strip()).doesNotContain("\n").contains("40301").doesNotContain(readerPassword);
    }
}
