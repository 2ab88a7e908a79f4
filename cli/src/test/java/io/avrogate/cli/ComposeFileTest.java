package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml and the Dockerfile cannot be run here (no Docker), so they are checked against the code: the
 * committed file passes {@link ComposeFileCheck}, and each kind of typo a person could make in it is caught.
 */
class ComposeFileTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path COMPOSE = REPO.resolve("docker-compose.yml");

    private static String compose() throws Exception {
        return Files.readString(COMPOSE);
    }

    private static List<String> problemsAfter(String original, String replacement) throws Exception {
        String text = compose();
        assertThat(text).as("the mutation's anchor text").contains(original);
        return ComposeFileCheck.check(REPO, text.replaceFirst(Pattern.quote(original), Matcher.quoteReplacement(replacement)));
    }

    @Test
    void theCommittedComposeFileMatchesTheCode() throws Exception {
        assertThat(ComposeFileCheck.check(REPO, compose())).isEmpty();
    }

    @Test
    void theStackHasKafkaAndBothRegistriesBehindOneName() throws Exception {
        String text = compose();
        assertThat(text).contains("image: apache/kafka:", "image: confluentinc/cp-schema-registry:", "command: [\"registry\"]",
                "profiles: [\"confluent\"]", "aliases: [schema-registry]",
                "http://localhost:8081/health");
        assertThat(Files.readString(REPO.resolve(".env"))).contains("COMPOSE_PROFILES=avrogate");
    }

    @Test
    void aMisspelledCommandIsCaught() throws Exception {
        assertThat(problemsAfter("command: [\"registry\"]", "command: [\"registy\"]"))
                .anySatisfy(p -> assertThat(p).startsWith("registry:").contains("registy"));
    }

    @Test
    void aMisspelledOptionIsCaught() throws Exception {
        assertThat(problemsAfter("command: [\"registry\"]", "command: [\"registry\", \"--confg\", \"/etc/registry.properties\"]"))
                .anySatisfy(p -> assertThat(p).contains("--confg"));
    }

    @Test
    void aVariableTheCommandDoesNotReadIsCaught() throws Exception {
        assertThat(problemsAfter("SCHEMA_REGISTRY_KAFKASTORE_TOPIC: _schemas", "SCHEMA_REGISTRY_KAFKASTORE_TOPICS: _schemas"))
                .anySatisfy(p -> assertThat(p).startsWith("registry:").contains("SCHEMA_REGISTRY_KAFKASTORE_TOPICS"));
    }

    @Test
    void aVariableOfAnotherServiceIsCaught() throws Exception {
        assertThat(problemsAfter("KAFKA_PRODUCER_LINGER_MS: 5", "KAFKA_PRODUCER_LINGER: 5"))
                .anySatisfy(p -> assertThat(p).startsWith("ingest:").contains("KAFKA_PRODUCER_LINGER"));
        assertThat(problemsAfter("SCHEMA_REGISTRY_URL: http://schema-registry:8081", "SCHEMA_REGISTRY_URLS: http://schema-registry:8081"))
                .anySatisfy(p -> assertThat(p).startsWith("ingest:").contains("SCHEMA_REGISTRY_URLS"));
    }

    @Test
    void anInvalidValueIsCaught() throws Exception {
        assertThat(problemsAfter("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR: 1", "SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR: one"))
                .anySatisfy(p -> assertThat(p).startsWith("registry:").contains("kafkastore.topic.replication.factor"));
    }

    @Test
    void aWrongPortIsCaught() throws Exception {
        assertThat(problemsAfter("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS: kafka:19092", "SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS: kafka:9029"))
                .anySatisfy(p -> assertThat(p).contains("kafka:9029"));
        assertThat(problemsAfter("\"8081:8081\"", "\"8081:8018\"")).anySatisfy(p -> assertThat(p).contains("8018"));
        assertThat(problemsAfter("HOST://localhost:9092", "HOST://localhost:9093")).anySatisfy(p -> assertThat(p).contains("localhost:9093"));
        assertThat(problemsAfter("http://localhost:8081/subjects", "http://localhost:8082/subjects"))
                .anySatisfy(p -> assertThat(p).contains("healthcheck").contains("8082"));
    }

    @Test
    void anUnknownHostIsCaught() throws Exception {
        assertThat(problemsAfter("BOOTSTRAP_SERVERS: kafka:19092", "BOOTSTRAP_SERVERS: kakfa:19092")).anySatisfy(p -> assertThat(p).contains("no service is called kakfa"));
    }

    @Test
    void aMissingDependencyIsCaught() throws Exception {
        assertThat(problemsAfter("      kafka:\n        condition: service_healthy", "      kafak:\n        condition: service_healthy"))
                .anySatisfy(p -> assertThat(p).contains("depends on kafak"));
    }

    @Test
    void aMissingTopicOrFileIsCaught() throws Exception {
        assertThat(problemsAfter("TOPICS: ad-clicks ad-clicks.dlq ad-clicks.v2 app-events events", "TOPICS: ad-clicks ad-clicks.dlq app-events events"))
                .anySatisfy(p -> assertThat(p).startsWith("topics:").contains("ad-clicks.v2"));
        assertThat(problemsAfter("\"--dead-letter-topic\", \"ad-clicks.dlq\"", "\"--dead-letter-topic\", \"ad-clicks.dead\""))
                .anySatisfy(p -> assertThat(p).startsWith("topics:").contains("ad-clicks.dead"));
        assertThat(problemsAfter("./schemas:/app/schemas:ro", "./schema:/app/schemas:ro"))
                .anySatisfy(p -> assertThat(p).startsWith("schemas:").contains("./schema,"));
        assertThat(problemsAfter("kafka-data:/var/lib/kafka/data", "kafka_data:/var/lib/kafka/data"))
                .anySatisfy(p -> assertThat(p).startsWith("kafka:").contains("kafka_data"));
        assertThat(problemsAfter("migrations/ad-clicks-v2-to-v1.yaml", "migrations/ad-clicks-v2-to-v3.yaml"))
                .anySatisfy(p -> assertThat(p).startsWith("bridge:").contains("ad-clicks-v2-to-v3.yaml"));
    }

    @Test
    void aHealthCheckOnAPortTheServiceDoesNotOpenIsCaught() throws Exception {
        assertThat(problemsAfter("\"bridge.http.port=8095\"", "\"bridge.http.port=8096\""))
                .anySatisfy(p -> assertThat(p).startsWith("bridge:").contains("localhost:8095"));
    }

    @Test
    void aMissingBuildFileIsCaught() throws Exception {
        assertThat(problemsAfter("dockerfile: Dockerfile", "dockerfile: Dockerfile.jvm"))
                .anySatisfy(p -> assertThat(p).contains("Dockerfile.jvm"));
    }

    @Test
    void theDockerfileRunsTheCliAndCopiesWhatExists() throws Exception {
        String dockerfile = Files.readString(REPO.resolve("Dockerfile"));
        assertThat(dockerfile).contains("\"" + Main.class.getName() + "\"");
        // The build stage builds with the wrapper, so the image needs nothing the repository does not have.
        assertThat(dockerfile).contains("./mvnw").contains("FROM eclipse-temurin:17-jdk AS build").contains("FROM eclipse-temurin:17-jre");
        Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(\\S+) ").matcher(dockerfile);
        while (copy.find()) {
            assertThat(REPO.resolve(copy.group(1))).as("COPY source " + copy.group(1)).exists();
        }
        Matcher fromBuild = Pattern.compile("(?m)^COPY --from=build /src/(\\S+) ").matcher(dockerfile);
        while (fromBuild.find()) {
            // What the build stage produces is what ./avrogate runs locally: cli/target/avrogate-cli.jar and lib/.
            assertThat(fromBuild.group(1)).isIn("cli/target/avrogate-cli.jar", "cli/target/lib/");
        }
        assertThat(Files.readString(REPO.resolve("avrogate"))).contains("cli/target/avrogate-cli.jar", "cli/target/lib/*");
    }

    @Test
    void theCommonVariablesAreReadWhereTheySayTheyAre() throws Exception {
        String logback = Files.readString(REPO.resolve("cli/src/main/resources/logback.xml"));
        for (String variable : EnvironmentSettings.COMMON_VARIABLES) {
            if (!variable.startsWith("JAVA_")) assertThat(logback).contains("${" + variable);
        }
    }
}
