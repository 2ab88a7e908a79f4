package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code avrogate console}'s command line; the console itself is tested in the console module. */
class ConsoleCommandTest {
    @Test
    void isACommandThatNamesItsOptionsAndRefusesToStartWithoutKafkaOrRegistry() {
        CommandLine cmd = Main.commandLine();
        assertThat(cmd.getSubcommands()).containsKey("console");
        StringWriter help = new StringWriter();
        cmd.getSubcommands().get("console").usage(new PrintWriter(help));
        assertThat(help.toString()).contains("--bridge=URL", "--dlq-topic=TOPIC", "--port", "--registry");

        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute("console", "--bootstrap-servers", "127.0.0.1:1", "--config", "/nonexistent/console.properties");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--config /nonexistent/console.properties");
    }
}
