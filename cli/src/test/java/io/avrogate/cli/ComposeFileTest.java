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
        assertThat(problemsAfter(":8081:8081\"", ":8081:8018\"")).anySatisfy(p -> assertThat(p).contains("8018"));
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

    @Test
    void portsArePublishedOnLoopbackUnlessAvrogateBindSaysOtherwise() throws Exception {
        assertThat(compose()).contains("\"${AVROGATE_BIND:-127.0.0.1}:8081:8081\"", "\"${AVROGATE_BIND:-127.0.0.1}:9092:9092\"");
        assertThat(ComposeFileCheck.interpolate("\"${AVROGATE_BIND:-127.0.0.1}:8088:8088\" $$x", java.util.Map.of("AVROGATE_BIND", "0.0.0.0")))
                .isEqualTo("\"0.0.0.0:8088:8088\" $x");
        assertThat(problemsAfter("\"${AVROGATE_BIND:-127.0.0.1}:8088:8088\"", "\"8088:8088\""))
                .anySatisfy(p -> assertThat(p).startsWith("ingest:").contains("every interface"));
        assertThat(problemsAfter("\"${AVROGATE_BIND:-127.0.0.1}:8095:8095\"", "\"${AVROGATE_BIND:-0.0.0.0}:8095:8095\""))
                .anySatisfy(p -> assertThat(p).startsWith("bridge:").contains("not on 127.0.0.1"));
    }

    @Test
    void everyContainerHasAMemoryLimitTheJvmFitsIn() throws Exception {
        assertThat(problemsAfter("          memory: 768M\n    # /health/ready answers 503", "          memory: 256M\n    # /health/ready answers 503"))
                .anySatisfy(p -> assertThat(p).startsWith("registry:").contains("at least 512M"));
        String consumerHealth = "    healthcheck:\n      test: [\"CMD\", \"curl\", \"-fsS\", \"-o\", \"/dev/null\", \"http://localhost:8097/health/ready\"]";
        assertThat(problemsAfter("    deploy:\n      resources:\n        limits:\n          memory: 512M\n" + consumerHealth, consumerHealth))
                .anySatisfy(p -> assertThat(p).startsWith("consumer:").contains("no memory limit"));
        assertThat(problemsAfter("KAFKA_HEAP_OPTS: -Xms768m -Xmx768m", "KAFKA_HEAP_OPTS: -Xms768m -Xmx1400m"))
                .anySatisfy(p -> assertThat(p).startsWith("kafka:").contains("two thirds"));
    }

    @Test
    void healthChecksStartNoJvmAndAskReadiness() throws Exception {
        String kafkaCheck = compose().lines().filter(l -> l.contains("/dev/tcp/localhost/19092")).findFirst().orElseThrow();
        assertThat(problemsAfter(kafkaCheck.trim(),
                "test: [\"CMD-SHELL\", \"/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server localhost:19092\"]"))
                .anySatisfy(p -> assertThat(p).startsWith("kafka:").contains("starts a JVM"));
        assertThat(problemsAfter("/dev/tcp/localhost/19092", "/dev/tcp/localhost/19093"))
                .anySatisfy(p -> assertThat(p).startsWith("kafka:").contains("localhost:19093"));
        assertThat(problemsAfter("http://localhost:8088/health/ready", "http://localhost:8088/health"))
                .anySatisfy(p -> assertThat(p).startsWith("ingest:").contains("/health/ready"));
    }

    @Test
    void oneImageIsBuiltOnceAndNeverPulled() throws Exception {
        String text = compose();
        assertThat(Pattern.compile("(?m)^    build:").matcher(text).results().count()).isEqualTo(1);
        assertThat(problemsAfter("    image: avrogate:local\n    pull_policy: never\n    profiles: [\"avrogate\"]",
                "    image: avrogate:local\n    build: .\n    profiles: [\"avrogate\"]"))
                .anySatisfy(p -> assertThat(p).contains("build it once"));
        assertThat(problemsAfter("    image: avrogate:local\n    pull_policy: never\n    profiles: [\"avrogate\"]",
                "    image: avrogate:local\n    profiles: [\"avrogate\"]"))
                .anySatisfy(p -> assertThat(p).startsWith("registry:").contains("pull_policy: never"));
        // git is in the image, so that `check --against REF` runs in it on a mounted checkout.
        assertThat(Files.readString(REPO.resolve("Dockerfile"))).containsPattern("apt-get install [^\\n]*\\bgit\\b");
    }

    @Test
    void theSecureProfileRunsTheRegistryOnTlsWithBasicAuthAndAnAcl() throws Exception {
        String text = compose();
        assertThat(text).contains("SCHEMA_REGISTRY_LISTENERS: https://0.0.0.0:8081", "SCHEMA_REGISTRY_AUTHENTICATION_METHOD: BASIC",
                "SCHEMA_REGISTRY_AVROGATE_AUTHENTICATION_CREDENTIALS_FILE: /etc/avrogate/secure/credentials",
                "SCHEMA_REGISTRY_AVROGATE_AUTHORIZATION_ACL_FILE: /etc/avrogate/acl.yaml",
                "\"--registry\", \"https://schema-registry:8081\"", "SCHEMA_REGISTRY_URL: https://schema-registry:8081");
        // Clients of every kind follow; no password is in the compose file.
        for (String client : java.util.List.of("schemas-secure", "ingest-secure", "consumer-secure", "bridge-secure")) {
            assertThat(text).contains("  " + client + ":\n");
        }
        assertThat(text).doesNotContainPattern("(?i)password[=:] *[A-Za-z0-9]");
        // The ACL's roles are the ones the generator gives the users.
        String acl = Files.readString(REPO.resolve("deploy/secure/acl.yaml"));
        String generator = Files.readString(REPO.resolve("deploy/secure/generate.sh"));
        for (String role : java.util.List.of("admins", "readers", "monitoring")) {
            assertThat(acl).contains(role);
            assertThat(generator).contains(":" + role);
        }
        // What the generator writes into each env file is checked like the file's own environment.
        assertThat(problemsAfter("env_file: [./deploy/secure/generated/consumer.env]", "env_file: [./deploy/secure/generated/registry.env]"))
                .anySatisfy(p -> assertThat(p).startsWith("consumer-secure:").contains("SCHEMA_REGISTRY_SSL_KEYSTORE_PASSWORD"));
        assertThat(problemsAfter("env_file: [./deploy/secure/generated/ingest.env]", "env_file: [./deploy/secure/generated/ingest-typo.env]"))
                .anySatisfy(p -> assertThat(p).startsWith("ingest-secure:").contains("ingest-typo.env"));
        assertThat(problemsAfter("SCHEMA_REGISTRY_AUTHENTICATION_METHOD: BASIC", "SCHEMA_REGISTRY_AUTHENTICATION_METHOD: DIGEST"))
                .anySatisfy(p -> assertThat(p).startsWith("registry-secure:").contains("authentication.method"));
        assertThat(problemsAfter("https://localhost:8081/health/ready", "https://localhost:8082/health/ready"))
                .anySatisfy(p -> assertThat(p).startsWith("registry-secure:").contains("8082"));
    }
}
