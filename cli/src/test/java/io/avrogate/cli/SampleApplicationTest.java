package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.cli.init.ProjectTemplate;
import io.avrogate.registry.RegistryServer;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import io.avrogate.testkit.registry.RegistryExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The application project of {@code avrogate init} (whose pom the root README's "Use it in your project" shows,
 * see {@link InitCommandTest}) built by Maven from the installed artifacts only: the documented install command
 * fills an empty local repository under target/it-repo with our artifacts; third-party artifacts come from the
 * user's ~/.m2 read as a remote file:// repository (so this runs offline), then from Maven Central.
 */
@Tag("slow")
@ExtendWith(RegistryExtension.class)
class SampleApplicationTest {
    /** Surefire runs in this module's folder; the reactor's root is one up. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path WORK = Path.of("target", "sample-app").toAbsolutePath();
    private static final Path REPOSITORY = Path.of("target", "it-repo").toAbsolutePath();
    private static final Path SETTINGS = WORK.resolve("settings.xml");
    private static final String V1 = "schemas/subjects/orders-value/v1.avsc";
    private static final String V2 = "schemas/subjects/orders-value/v2.avsc";

    private static Path app;

    @BeforeAll
    static void installTheArtifactsAndCreateTheProject() throws Exception {
        delete(WORK);
        delete(REPOSITORY);
        Files.createDirectories(WORK);
        String userRepository = Path.of(System.getProperty("user.home"), ".m2", "repository").toUri().toString();
        String repository = "<id>user-repository</id><url>" + userRepository + "</url>"
                + "<releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots>";
        Files.writeString(SETTINGS, """
                <settings>
                  <profiles>
                    <profile>
                      <id>user-repository</id>
                      <repositories><repository>%s</repository></repositories>
                      <pluginRepositories><pluginRepository>%s</pluginRepository></pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>user-repository</activeProfile></activeProfiles>
                </settings>
                """.formatted(repository, repository));

        // RELEASING.md's install command, as the README's section quotes it, into the empty repository.
        String install = InitCommandTest.codeBlocks(InitCommandTest.readmeSection("## Use it in your project"), "bash")
                .get(0).strip();
        assertThat(install).startsWith("./mvnw ");
        List<String> installArgs = new ArrayList<>(List.of(install.substring("./mvnw ".length()).split(" +")));
        Run installed = maven(ROOT, "install", installArgs);
        assertThat(installed.exitCode()).as(installed.tail()).isZero();
        // What was installed (not fetched from a repository) is ours only.
        assertThat(installedArtifacts()).isNotEmpty().allMatch(p -> p.startsWith(REPOSITORY.resolve("io/avrogate")));

        app = WORK.resolve("orders-app");
        new ProjectTemplate("com.acme", "orders-app", "com.acme.orders", ProjectTemplate.avrogateVersion()).writeTo(app);
    }

    @Test
    void theGeneratedProjectBuildsAndPassesItsOwnTest() throws Exception {
        Path good = copy("good");
        Run verify = maven(good, "verify", List.of("verify"));

        assertThat(verify.exitCode()).as(verify.tail()).isZero();
        assertThat(verify.output()).contains("Tests run: 1, Failures: 0, Errors: 0")
                .containsPattern("(?s)avrogate:[^:]+:check .*avro:[^:]+:schema .*compiler:[^:]+:compile");
        assertThat(good.resolve("target/classes/com/acme/orders/events/Order.class")).exists();
    }

    @Test
    void anIncompatibleSchemaFailsBeforeCodeGenerationNamingItsFile() throws Exception {
        assertFailsBeforeCodeGeneration("incompatible", v1 -> withCurrency(v1, false),
                V2 + ": v2 breaks BACKWARD_TRANSITIVE: field 'currency'");
    }

    @Test
    void aSyntaxErrorFailsBeforeCodeGenerationNamingFileLineAndColumn() throws Exception {
        // Line 9 is the amount_cents field; the comma before it goes missing.
        assertFailsBeforeCodeGeneration("syntax", v1 -> v1.replace("\"doc\": \"Who placed it.\"},", "\"doc\": \"Who placed it.\"}"),
                V2 + ":9:5: v2.avsc is not valid JSON at line 9, column 5");
    }

    @Test
    void dependencyTreeHasOneJacksonNoTestOrBrokerJarsAndTheApplicationsKafkaClients() throws Exception {
        Run tree = maven(app, "tree", List.of("org.apache.maven.plugins:maven-dependency-plugin:3.8.1:tree"));
        assertThat(tree.exitCode()).as(tree.tail()).isZero();
        List<String> lines = tree.output().lines().filter(l -> l.matches("\\[INFO\\] [|+\\\\ ]*[+\\\\]- .*")).toList();

        // One Jackson: every artifact at one version, and jackson-annotations (versioned by minor only since 2.20)
        // at its minor.
        Map<String, String> jackson = new TreeMap<>();
        Matcher m = Pattern.compile("com\\.fasterxml\\.jackson\\.[a-z.]+:([a-z-]+):jar:([^:]+):").matcher(tree.output());
        while (m.find()) jackson.put(m.group(1), m.group(2));
        assertThat(jackson).containsKeys("jackson-databind", "jackson-core", "jackson-annotations");
        String annotations = jackson.remove("jackson-annotations");
        assertThat(Set.copyOf(jackson.values())).as("Jackson versions: %s", jackson).singleElement()
                .satisfies(version -> assertThat(version).startsWith(annotations + "."));

        assertThat(lines).noneMatch(l -> l.contains("avrogate-testkit") || l.contains("kafka_2.13")
                || l.contains("kafka-server") || l.contains("kafka-raft") || l.contains("kafka-storage"));
        assertThat(lines).filteredOn(l -> l.contains("junit") || l.contains("opentest4j"))
                .isNotEmpty().allMatch(l -> l.endsWith(":test"), "test scope only");
        // kafka-clients is the application's own dependency (depth 1), not one the serde brings.
        assertThat(lines).filteredOn(l -> l.contains("org.apache.kafka:kafka-clients:jar:"))
                .singleElement().satisfies(l -> assertThat(l).matches("\\[INFO\\] [+\\\\]- org\\.apache\\.kafka:kafka-clients:jar:[^:]+:compile"));
    }

    @Test
    void registerAndTestCompatibilityAgainstALiveRegistry(RegistryServer registry) throws Exception {
        String subject = "orders" + UUID.randomUUID().toString().replace("-", "") + "-value";
        Path project = copy("live");
        Path folder = Files.move(project.resolve("schemas/subjects/orders-value"), project.resolve("schemas/subjects/" + subject));
        Files.writeString(folder.resolve("subject.yaml"), Files.readString(folder.resolve("subject.yaml"))
                .replace("topic: orders", "topic: " + subject.substring(0, subject.length() - "-value".length())));
        String url = "-Davrogate.schemaRegistryUrls=" + registry.url();

        Run register = maven(project, "register", List.of("avrogate:register", url));
        assertThat(register.exitCode()).as(register.tail()).isZero();
        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()))) {
            assertThat(client.versions(subject)).containsExactly(1);
            assertThat(client.subjectCompatibilityLevel(subject)).isEqualTo("BACKWARD_TRANSITIVE");

            Files.writeString(folder.resolve("v2.avsc"), withCurrency(Files.readString(folder.resolve("v1.avsc")), false));
            Run incompatible = maven(project, "test-compatibility-fails", List.of("avrogate:test-compatibility", url));
            assertThat(incompatible.exitCode()).isNotZero();
            assertThat(incompatible.output()).contains("BUILD FAILURE", "schemas/subjects/" + subject + "/v2.avsc", "currency");

            Files.writeString(folder.resolve("v2.avsc"), withCurrency(Files.readString(folder.resolve("v1.avsc")), true));
            Run compatible = maven(project, "test-compatibility-and-register",
                    List.of("avrogate:test-compatibility", "avrogate:register", url));
            assertThat(compatible.exitCode()).as(compatible.tail()).isZero();
            assertThat(client.versions(subject)).containsExactly(1, 2);
        }
    }

    /** The version 1 schema with a new field currency, with or without a default (without: not BACKWARD). */
    private static String withCurrency(String v1, boolean withDefault) {
        return v1.replace("\"doc\": \"Total, in cents of the shop's currency.\"}",
                "\"doc\": \"Total, in cents of the shop's currency.\"},\n    {\"name\": \"currency\", \"type\": \"string\","
                        + (withDefault ? " \"default\": \"EUR\"," : "") + " \"doc\": \"ISO 4217 code.\"}");
    }

    /** A v2.avsc made from v1's text fails `mvn verify` in the schema check, with the message, before codegen. */
    private static void assertFailsBeforeCodeGeneration(String name, UnaryOperator<String> v2FromV1, String message)
            throws Exception {
        Path project = copy(name);
        Files.writeString(project.resolve(V2), v2FromV1.apply(Files.readString(project.resolve(V1))));

        Run verify = maven(project, "verify", List.of("verify"));
        assertThat(verify.exitCode()).isNotZero();
        assertThat(verify.output()).contains("BUILD FAILURE", message,
                        "Failed to execute goal io.avrogate:avrogate-schema-check-maven-plugin")
                .doesNotContainPattern("--- avro:[^:]+:schema").doesNotContainPattern("--- compiler:");
        assertThat(project.resolve("target/generated-sources")).doesNotExist();
        assertThat(project.resolve("target/classes")).doesNotExist();
    }

    private record Run(int exitCode, String output) {
        String tail() {
            return output.length() > 6000 ? output.substring(output.length() - 6000) : output;
        }
    }

    /** Runs this repository's Maven wrapper in {@code dir} against the test's local repository and settings. */
    private static Run maven(Path dir, String name, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("mvnw").toString(), "-B",
                "-Dmaven.repo.local=" + REPOSITORY, "-s", SETTINGS.toString()));
        command.addAll(args);
        Path log = WORK.resolve((dir.equals(ROOT) ? "" : dir.getFileName() + "-") + name + ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("mvnw " + args + " in " + dir + " did not end in 10 minutes; see " + log);
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /**
     * The folders of the local repository whose files were installed there: Maven marks a file it fetched with the
     * repository's id in _remote.repositories, an installed one with an empty id.
     */
    private static List<Path> installedArtifacts() throws IOException {
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            return files.filter(p -> p.getFileName().toString().equals("_remote.repositories"))
                    .filter(p -> readUnchecked(p).lines().anyMatch(l -> l.endsWith(">="))).map(Path::getParent).toList();
        }
    }

    private static String readUnchecked(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path copy(String name) throws IOException {
        Path target = WORK.resolve(name);
        try (Stream<Path> files = Files.walk(app)) {
            for (Path source : files.toList()) {
                Path to = target.resolve(app.relativize(source).toString());
                if (Files.isDirectory(source)) Files.createDirectories(to);
                else Files.copy(source, to);
            }
        }
        return target;
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
