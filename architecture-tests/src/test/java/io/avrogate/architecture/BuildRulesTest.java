package io.avrogate.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The parent pom's maven-enforcer rules really fail a build: small projects inheriting the real parent pom, each with
 * one planted violation, are validated offline by the Maven wrapper, next to a control project that differs only in
 * the violation. (Maven reads the parent through relativePath, so nothing needs to be installed.)
 */
class BuildRulesTest {
    /** Surefire runs in this module's folder; the reactor's root is one up. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path PLANTED = Path.of("target", "planted");

    @Test
    void aTestJarOnALibrarysRuntimeClassPathFailsTheBuild() throws Exception {
        String junit = "<dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter-api</artifactId>%s</dependency>";

        Result violation = validate("library-with-junit", true, junit.formatted(""));
        assertThat(violation.exitCode()).as(violation.output()).isNotZero();
        assertThat(violation.output()).contains("library-class-path", "BannedDependencies",
                "org.junit.jupiter:junit-jupiter-api", "no test frameworks, no testkit, no Kafka broker");

        Result control = validate("library-with-test-junit", true, junit.formatted("<scope>test</scope>"));
        assertThat(control.exitCode()).as(control.output()).isZero();
    }

    @Test
    void aKafkaBrokerOnALibrarysClassPathFailsTheBuildButAServiceMayHaveOne() throws Exception {
        String broker = "<dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId></dependency>";

        Result library = validate("library-with-broker", true, broker);
        assertThat(library.exitCode()).as(library.output()).isNotZero();
        assertThat(library.output()).contains("org.apache.kafka:kafka_2.13");

        Result service = validate("service-with-broker", false, broker);
        assertThat(service.exitCode()).as(service.output()).isZero();
    }

    @Test
    void twoVersionsOfOneArtifactFailTheBuild() throws Exception {
        // jackson-databind (managed to the parent's Jackson) wants its own jackson-core; an older one declared next
        // to it is the mix an application saw before the BOM.
        Result mixed = validate("mixed-jackson", false,
                "<dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId></dependency>"
                        + "<dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-core</artifactId>"
                        + "<version>2.22.1</version></dependency>");
        assertThat(mixed.exitCode()).as(mixed.output()).isNotZero();
        assertThat(mixed.output()).contains("DependencyConvergence", "com.fasterxml.jackson.core:jackson-core");
    }

    private record Result(int exitCode, String output) {}

    /** Writes a project inheriting the real parent pom under target/planted/{name} and runs {@code mvnw validate}. */
    private static Result validate(String name, boolean library, String dependencies) throws Exception {
        Path project = PLANTED.resolve(name);
        Files.createDirectories(project);
        Files.writeString(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <parent>
                    <groupId>io.avrogate</groupId><artifactId>avrogate-parent</artifactId><version>%s</version>
                    <relativePath>../../../../pom.xml</relativePath>
                  </parent>
                  <artifactId>planted-%s</artifactId>
                  <properties><enforcer.skipLibraryRules>%s</enforcer.skipLibraryRules></properties>
                  <dependencies>%s</dependencies>
                </project>
                """.formatted(parentVersion(), name, !library, dependencies));
        Path log = project.resolve("validate.log");
        Process process = new ProcessBuilder(List.of(ROOT.resolve("mvnw").toString(), "-o", "-B", "validate",
                "-f", project.resolve("pom.xml").toAbsolutePath().toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("mvnw validate of " + name + " did not end in 120 s; see " + log);
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** The parent's version as its pom says (it changes with every release). */
    private static String parentVersion() throws IOException {
        Matcher m = Pattern.compile("<artifactId>avrogate-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        if (!m.find()) throw new IllegalStateException("no avrogate-parent version in " + ROOT.resolve("pom.xml"));
        return m.group(1);
    }
}
