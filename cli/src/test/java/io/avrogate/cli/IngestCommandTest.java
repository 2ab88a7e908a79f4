package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The ingest command's listener options; a running ingest service is tested in the ingest module. */
class IngestCommandTest {
    @TempDir
    Path dir;

    private static int run(StringWriter err, String... args) {
        CommandLine cmd = new CommandLine(new IngestCommand());
        cmd.setOut(new PrintWriter(new StringWriter()));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    @Test
    void listensOnLoopbackByDefault() {
        CommandLine cmd = new CommandLine(new IngestCommand());
        cmd.parseArgs();
        assertThat(((IngestCommand) cmd.getCommand()).host).isEqualTo("127.0.0.1");
    }

    @Test
    void aBadServerConfigIsAUsageErrorNamingTheFileAndSetting() throws Exception {
        Path file = Files.writeString(dir.resolve("listener.properties"), "listeners=ftp://127.0.0.1:8088\n");
        StringWriter err = new StringWriter();
        int exit = run(err, "--bootstrap-servers", "127.0.0.1:9", "--registry", "http://127.0.0.1:9",
                "--server-config", file.toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--server-config " + file).contains("unsupported scheme 'ftp'");

        Files.writeString(file, "authentication.method=KERBEROS\n");
        err = new StringWriter();
        assertThat(run(err, "--bootstrap-servers", "127.0.0.1:9", "--registry", "http://127.0.0.1:9",
                "--server-config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("authentication.method");
    }
}
