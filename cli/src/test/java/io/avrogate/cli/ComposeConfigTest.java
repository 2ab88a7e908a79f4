package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compose's own reading of docker-compose.yml ({@code docker compose config}), for each profile, where a docker CLI
 * with the compose plugin exists; skipped elsewhere (the static {@link ComposeFileTest} runs everywhere). Needs no
 * daemon: config only parses, interpolates and validates against the Compose specification.
 */
class ComposeConfigTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();

    @ParameterizedTest
    @ValueSource(strings = {"avrogate", "confluent", "secure"})
    void composeAcceptsTheFileForEveryProfile(String profile) throws Exception {
        List<String> compose = composeCommand();
        assumeTrue(compose != null, "no docker CLI with compose here");
        Path generated = REPO.resolve("deploy/secure/generated");
        List<Path> placeholders = new ArrayList<>();
        if (profile.equals("secure")) {
            // The generated env files hold passwords and are not committed; empty stand-ins let config read the file.
            Files.createDirectories(generated);
            for (String file : List.of("registry.env", "admin.env", "ingest.env", "consumer.env", "bridge.env")) {
                Path env = generated.resolve(file);
                if (!Files.exists(env)) placeholders.add(Files.writeString(env, ""));
            }
        }
        try {
            List<String> command = new ArrayList<>(compose);
            command.addAll(List.of("--project-directory", REPO.toString(), "-f", REPO.resolve("docker-compose.yml").toString(),
                    "--profile", profile, "config", "--quiet"));
            Result result = run(command);
            assertThat(result.exit()).as(String.join(" ", command) + "\n" + result.output()).isZero();
            List<String> services = new ArrayList<>(compose);
            services.addAll(List.of("--project-directory", REPO.toString(), "--profile", profile, "config", "--services"));
            Result listed = run(services);
            assertThat(listed.output()).contains("kafka", "image", "topics");
            assertThat(listed.output()).contains(switch (profile) {
                case "avrogate" -> "registry";
                case "confluent" -> "confluent-registry";
                default -> "registry-secure";
            });
        } finally {
            for (Path p : placeholders) Files.deleteIfExists(p);
        }
    }

    /** {@code docker compose} (the plugin) or a standalone {@code docker-compose} of version 2; null when neither. */
    private static List<String> composeCommand() {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            List<String> version = new ArrayList<>(candidate);
            version.addAll(List.of("version", "--short"));
            try {
                Result result = run(version);
                if (result.exit() == 0 && result.output().trim().matches("v?2\\..*")) return candidate;
            } catch (IOException notInstalled) {
                // try the next
            }
        }
        return null;
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, output + "\n(timed out)");
            }
            return new Result(process.exitValue(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
