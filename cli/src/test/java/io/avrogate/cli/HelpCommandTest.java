package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code avrogate help}: commands and topics, and that messages point only to topics and sections that exist. */
class HelpCommandTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private static SchemaRepoFixture.Result avrogate(String... args) {
        return SchemaRepoFixture.run(args);
    }

    @Test
    void showsATopicWithoutTheSectionsAboutThisRepository() {
        SchemaRepoFixture.Result schemas = avrogate("help", "schemas");
        assertThat(schemas.exitCode()).isZero();
        assertThat(schemas.out()).contains("## subject.yaml", "## Declaring a breaking change", "## Mapping format",
                "## Sample records for a mapping").doesNotContain("## How it is tested", "## The example domain");
    }

    @Test
    void showsACommandsUsageAndRefusesAnUnknownName() {
        SchemaRepoFixture.Result check = avrogate("help", "check");
        assertThat(check.exitCode()).isZero();
        assertThat(check.out()).contains("Usage: avrogate check");
        assertThat(avrogate("help").out()).contains("Usage: avrogate", "init");

        SchemaRepoFixture.Result unknown = avrogate("help", "schemata");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown command or topic: schemata", "topics: schemas");
    }

    /**
     * Messages point to what a user has: a help topic and its section, or a section of the avrogate README by name;
     * never to a file of this repository such as schemas/README.md.
     */
    @Test
    void messagesPointOnlyToTopicsAndSectionsThatExist() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Pattern helpTopic = Pattern.compile("\\\\\"([^\\\\\"]+)\\\\\": avrogate help ([a-z]+)");
        Pattern readmeSection = Pattern.compile("\\\\\"([^\\\\\"]+)\\\\\" in the avrogate README");
        // A string literal of prose (it has a space; a resource path has none) that names a README file.
        Pattern fileInLiteral = Pattern.compile("\"[^\"]* [^\"]*\"");
        Pattern readmeFile = Pattern.compile("README\\.md|[a-z-]+/README");
        List<String> checked = new ArrayList<>();
        for (Path source : mainSources()) {
            for (String line : Files.readAllLines(source)) {
                if (line.strip().startsWith("*") || line.strip().startsWith("//")) continue;
                Matcher topic = helpTopic.matcher(line);
                while (topic.find()) {
                    SchemaRepoFixture.Result help = avrogate("help", topic.group(2));
                    assertThat(help.exitCode()).as(source + ": topic " + topic.group(2)).isZero();
                    assertThat(help.out()).as(source.toString()).contains("## " + topic.group(1));
                    checked.add(topic.group());
                }
                Matcher section = readmeSection.matcher(line);
                while (section.find()) {
                    assertThat(readme).as(source + ": README section").containsPattern("(?m)^#+ " + Pattern.quote(section.group(1)) + "$");
                    checked.add(section.group());
                }
                Matcher literal = fileInLiteral.matcher(line);
                while (literal.find()) {
                    assertThat(readmeFile.matcher(literal.group()).find()).as(source + " names a README file: " + line).isFalse();
                }
            }
        }
        assertThat(checked).as("the messages this test guards").hasSizeGreaterThanOrEqualTo(3);
    }

    private static List<Path> mainSources() throws Exception {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/")).toList();
        }
    }
}
