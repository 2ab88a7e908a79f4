package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** {@code --log-format json}: one JSON object per log line on stderr, given before or after the subcommand. */
class LogFormatTest {
    @TempDir
    Path tmp;

    @AfterEach
    void restoreTheTestConfiguration() throws Exception {
        System.clearProperty(LogFormat.PROPERTY);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @Test
    void jsonLinesOnStderrWithTheOptionAfterTheSubcommand() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.commandLine().execute("config-reference", "--log-format", "json",
                    "--output", tmp.resolve("c.md").toString());
            LoggerFactory.getLogger("io.avrogate.ops").warn("store {} is behind", "_schemas");
        } finally {
            System.setErr(original);
        }
        assertThat(code).isZero();
        String line = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("is behind")).findFirst().orElseThrow();
        JsonNode event = new ObjectMapper().readTree(line);
        assertThat(event.path("level").asText()).isEqualTo("WARN");
        assertThat(event.path("loggerName").asText()).isEqualTo("io.avrogate.ops");
        assertThat(event.path("formattedMessage").asText()).isEqualTo("store _schemas is behind");
    }

    @Test
    void plainTextByDefaultAndTheFormatCanBeGivenBeforeTheSubcommand() {
        String[] args = {"--log-format=json", "registry"};
        LogFormat.applyFrom(args);
        assertThat(System.getProperty(LogFormat.PROPERTY)).isEqualTo("json");
        System.clearProperty(LogFormat.PROPERTY);
        LogFormat.applyFrom(new String[] {"registry", "--log-format", "xml"});
        assertThat(System.getProperty(LogFormat.PROPERTY)).as("an invalid value is left to the parser").isNull();
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        CommandLine cmd = Main.commandLine();
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));
        assertThat(cmd.execute("config-reference", "--log-format", "xml", "--output", tmp.resolve("c.md").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--log-format must be text or json, not 'xml'");
    }
}
