package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.server.auth.PasswordHash;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PasswdCommandTest {
    private record Run(int exitCode, String out, String err) {}

    private static Run passwd(String stdin, String... args) {
        PasswdCommand command = new PasswdCommand();
        command.in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        command.console = null;
        CommandLine cmd = new CommandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return new Run(cmd.execute(args), out.toString(), err.toString());
    }

    @Test
    void printsACredentialsLineWithAHashOfThePasswordFromStandardInput() {
        Run run = passwd("correct horse ü\r\nignored second line\n", "alice", "--role", "admins", "--role", "ops",
                "--iterations", "10000");
        assertThat(run.exitCode()).isZero();
        String line = run.out().strip();
        assertThat(line).startsWith("alice: $pbkdf2-sha256$10000$").endsWith(",admins,ops").doesNotContain("horse");
        String hash = line.substring("alice: ".length(), line.indexOf(','));
        assertThat(PasswordHash.parse(hash).matches("correct horse ü".toCharArray())).isTrue();
    }

    @Test
    void thePasswordCanComeFromAFlagAndBadInputIsAUsageError() {
        Run run = passwd("", "bob", "--password", "s3cret", "--iterations", "10000");
        assertThat(run.exitCode()).isZero();
        assertThat(PasswordHash.parse(run.out().strip().substring("bob: ".length())).matches("s3cret".toCharArray())).isTrue();
        assertThat(passwd("", "bob").exitCode()).as("empty password").isEqualTo(2);
        assertThat(passwd("pw\n", "a:b", "--iterations", "10000").exitCode()).as("':' in the user name").isEqualTo(2);
        assertThat(passwd("pw\n", "bob", "--iterations", "10").exitCode()).isEqualTo(2);
        assertThat(Main.commandLine().getSubcommands()).containsKey("passwd");
    }
}
