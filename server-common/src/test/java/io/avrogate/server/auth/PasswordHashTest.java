package io.avrogate.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordHashTest {
    @Test
    void aHashVerifiesItsPasswordOnlyAndSurvivesItsTextForm() {
        PasswordHash hash = PasswordHash.create("s3cret-ü".toCharArray(), PasswordHash.MIN_ITERATIONS);
        PasswordHash parsed = PasswordHash.parse(hash.encoded());
        assertThat(parsed.matches("s3cret-ü".toCharArray())).isTrue();
        assertThat(parsed.matches("s3cret-u".toCharArray())).isFalse();
        assertThat(parsed.matches(new char[0])).isFalse();
        assertThat(hash.encoded()).startsWith("$pbkdf2-sha256$10000$").doesNotContain("s3cret");
        // Salted: the same password hashes differently each time.
        assertThat(PasswordHash.create("s3cret-ü".toCharArray(), PasswordHash.MIN_ITERATIONS).encoded()).isNotEqualTo(hash.encoded());
    }

    @Test
    void weakOrDamagedHashesAreRefused() {
        assertThatThrownBy(() -> PasswordHash.parse("$pbkdf2-sha256$1000$c2FsdHNhbHQ$" + "A".repeat(43)))
                .hasMessageContaining("fewer than 10000");
        assertThatThrownBy(() -> PasswordHash.parse("$pbkdf2-sha256$x$y")).hasMessageContaining("form");
        assertThatThrownBy(() -> PasswordHash.create("pw".toCharArray(), 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void credentialsFileLinesRoundTripAndPlainPasswordsAreRefusedByLine() {
        PasswordHash hash = PasswordHash.create("pw".toCharArray(), PasswordHash.MIN_ITERATIONS);
        String line = CredentialsFile.line("alice", hash, List.of("admins", "ops"));
        CredentialsFile file = CredentialsFile.parse(Path.of("users"), ("# comment\n\n" + line + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(file.user("alice").roles()).containsExactly("admins", "ops");
        assertThat(file.user("alice").hash().matches("pw".toCharArray())).isTrue();
        assertThatThrownBy(() -> CredentialsFile.parse(Path.of("users"), (line + "\nbob:correct horse\n").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("users line 2").hasMessageContaining("'bob'").hasMessageNotContaining("correct horse");
        assertThatThrownBy(() -> CredentialsFile.parse(Path.of("users"), (line + "\n" + line).getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("defined twice");
        assertThatThrownBy(() -> CredentialsFile.line("a:b", hash, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
