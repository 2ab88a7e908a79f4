package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The CI workflows do what the README says CI does: every push and pull request runs the README's test command
 * (through .ci/run) with a Maven cache; after a merge, the schemas are registered against the registry named by
 * repository secrets, with a dry run on pull requests; every ./avrogate command a workflow runs is a valid one.
 */
class CiWorkflowsTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path WORKFLOWS = REPO.resolve(".github/workflows");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern AVROGATE_LINE = Pattern.compile("(?m)\\./avrogate ([^\\n|&;]+)");

    private static JsonNode workflow(String file) throws Exception {
        return YAML.readTree(WORKFLOWS.resolve(file).toFile());
    }

    /** GitHub's `on:`; a YAML 1.1 reader may take the bare key for the boolean true. */
    private static JsonNode triggers(JsonNode workflow) {
        return workflow.has("on") ? workflow.get("on") : workflow.path("true");
    }

    private static List<String> runScripts(JsonNode workflow) {
        List<String> scripts = new ArrayList<>();
        workflow.path("jobs").forEach(job -> job.path("steps").forEach(step -> {
            if (step.has("run")) scripts.add(step.get("run").asText());
        }));
        return scripts;
    }

    private static boolean usesMavenCache(JsonNode workflow) {
        List<String> caches = new ArrayList<>();
        workflow.path("jobs").forEach(job -> job.path("steps").forEach(step -> {
            if (step.path("uses").asText().startsWith("actions/setup-java@")) caches.add(step.path("with").path("cache").asText());
        }));
        return !caches.isEmpty() && caches.stream().allMatch("maven"::equals);
    }

    @Test
    void everyPushAndPullRequestRunsTheReadmesTestCommandWithAMavenCache() throws Exception {
        JsonNode build = workflow("build.yml");
        JsonNode on = triggers(build);
        assertThat(on.has("push") && on.has("pull_request")).as("build.yml runs on push and pull_request").isTrue();
        assertThat(on.path("push").path("branches").isMissingNode()).as("every branch, not only main").isTrue();
        assertThat(runScripts(build)).anySatisfy(s -> assertThat(s.trim()).isEqualTo("bash .ci/run"));
        assertThat(usesMavenCache(build)).isTrue();
        String ciRun = Files.readString(REPO.resolve(".ci/run"));
        assertThat(ciRun).as("the README's test command, as it is").containsPattern("(?m)^(exec )?\\./mvnw -B verify$");
        assertThat(Files.readString(REPO.resolve("README.md"))).contains("./mvnw verify");
    }

    @Test
    void afterAMergeTheSchemasAreRegisteredWithSecretsAndPullRequestsGetADryRun() throws Exception {
        JsonNode register = workflow("register-schemas.yml");
        JsonNode on = triggers(register);
        assertThat(on.path("push").path("branches").toString()).contains("main");
        assertThat(on.has("pull_request")).isTrue();
        assertThat(usesMavenCache(register)).isTrue();
        String text = Files.readString(WORKFLOWS.resolve("register-schemas.yml"));
        // The URL and the credentials come from repository secrets, through the environment: never on a command line.
        assertThat(text).contains("${{ secrets.SCHEMA_REGISTRY_URL }}", "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO: ${{ secrets.");
        String script = String.join("\n", runScripts(register));
        assertThat(script).doesNotContain("secrets.").doesNotContainPattern("echo[^\\n]*USER_INFO");
        assertThat(script).contains("./avrogate register --registry \"$REGISTRY_URL\" --dry-run",
                "./avrogate register --registry \"$REGISTRY_URL\"\n");
        assertThat(script).containsPattern("if \\[ \"\\$\\{\\{ github.event_name }}\" = \"pull_request\" ]; then\\s+\\./avrogate register [^\\n]*--dry-run");
        // The README names the same command as what CI runs after the merge.
        assertThat(Files.readString(REPO.resolve("README.md"))).containsPattern("\\./avrogate register --registry \\S+ +# what CI runs after the merge");
    }

    @Test
    void everyAvrogateCommandInAWorkflowIsAValidCommand() throws Exception {
        List<String> commands = new ArrayList<>();
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            for (Path file : files.toList()) {
                for (String script : runScripts(YAML.readTree(file.toFile()))) {
                    Matcher m = AVROGATE_LINE.matcher(script);
                    while (m.find()) commands.add(m.group(1).trim());
                }
            }
        }
        assertThat(commands).hasSizeGreaterThanOrEqualTo(4);
        for (String command : commands) {
            // Shell words as the shell would pass them, with variables and expressions standing in for their values.
            String[] args = command.replaceAll("\"[^\"]*\\$[^\"]*\"|\\$\\w+", "VALUE").replace("\"", "").split("\\s+");
            try {
                CommandLine.ParseResult parsed = Main.commandLine().parseArgs(args);
                assertThat(parsed.hasSubcommand()).as(command).isTrue();
            } catch (CommandLine.ParameterException e) {
                throw new AssertionError("./avrogate " + command + ": " + e.getMessage(), e);
            }
        }
    }
}
