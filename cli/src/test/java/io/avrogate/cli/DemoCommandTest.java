package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.cli.demo.Demo;
import io.avrogate.cli.demo.DemoContext;
import io.avrogate.cli.demo.DemoStory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Runs the whole demo in-process, on its own broker and registry, and checks the story it tells. */
class DemoCommandTest {
    private static final Path SCHEMAS = Path.of("").toAbsolutePath().getParent().resolve("schemas");

    @Test
    void theStoryRunsToTheEndWithTheRightCounts() throws Exception {
        StringWriter text = new StringWriter();
        DemoStory story;
        try (DemoContext context = new DemoContext(new PrintWriter(text), SCHEMAS)) {
            story = Demo.standard().run(context);
        }
        String out = text.toString();

        long subjects;
        try (Stream<Path> dirs = Files.list(SCHEMAS.resolve("subjects"))) {
            subjects = dirs.filter(Files::isDirectory).count();
        }
        assertThat(story.get("schemas.subjects")).isEqualTo(subjects);
        assertThat(story.get("schemas.mappings")).isEqualTo(1);
        assertThat(story.get("schemas.errors")).isZero();
        assertThat(story.get("schemas.warnings")).as("./avrogate check on the same schemas warns about nothing").isZero();
        assertThat(story.get("topics")).as("ad-clicks, ad-clicks.v2, app-events, events").isEqualTo(4);
        long versions;
        try (Stream<Path> files = Files.walk(SCHEMAS.resolve("subjects"))) {
            versions = files.filter(f -> f.getFileName().toString().matches("v\\d+\\.avsc")).count();
        }
        assertThat(story.get("registered.versions")).isEqualTo(versions);
        assertThat(story.get("registered.levels")).isEqualTo(subjects);
        assertThat(story.get("ingest.accepted")).isEqualTo(600);
        assertThat(story.get("ingest.rejected")).isEqualTo(5);
        assertThat(out).contains("rejected: /ad_id: ", "rejected: /click_id: ", "rejected: /cost: ",
                "rejected: /occurred_at: ", "rejected: /client_ip: ");

        // Every accepted click is consumed; the three records written past the gate are dead-lettered with reasons.
        assertThat(story.get("consume.handled")).isEqualTo(600);
        assertThat(story.get("consume.deadLettered")).isEqualTo(3);
        assertThat(story.get("consume.deadLetterTopic")).isEqualTo(3);
        assertThat(out).contains("dead-lettered: Unknown magic byte", "dead-lettered: Error retrieving Avro value schema for id 99999");

        // The breaking change: everything produced to the new topic reaches the old consumer through the bridge.
        assertThat(story.get("migration.produced")).isEqualTo(300);
        assertThat(story.get("bridge.translated")).isEqualTo(300);
        assertThat(story.get("bridge.deadLettered")).isZero();
        assertThat(story.get("billing.readFromOldTopic")).isEqualTo(300);
        assertThat(out).contains("cost=", " USD, placement=");
        // bridge status: not safe while the old group reads, safe once it has moved and the quiet period passed.
        assertThat(story.get("status.safeBeforeMove")).isZero();
        assertThat(story.get("status.safeAfterMove")).isEqualTo(1);
        assertThat(story.get("billing.readFromNewTopic")).isEqualTo(100);
        assertThat(out).contains("NOT SAFE: group 'billing'");
        assertThat(out).contains("[1/" + Demo.standard().steps().size() + "]").contains("passed");
    }

    @Test
    void aFolderWithoutSchemasIsAUsageError(@org.junit.jupiter.api.io.TempDir Path tmp) {
        CommandLineRun run = CommandLineRun.of("demo", "--schemas", tmp.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not a schemas folder");
    }

    /** One in-process run of the avrogate command line. */
    record CommandLineRun(int exitCode, String out, String err) {
        static CommandLineRun of(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            var cmd = Main.commandLine();
            cmd.setOut(new PrintWriter(out));
            cmd.setErr(new PrintWriter(err));
            int code = cmd.execute(args);
            return new CommandLineRun(code, out.toString(), err.toString());
        }
    }
}
