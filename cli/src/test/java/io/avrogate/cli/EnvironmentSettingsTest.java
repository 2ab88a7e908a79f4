package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avrogate.registry.RegistryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EnvironmentSettingsTest {
    private static final EnvironmentSettings REGISTRY = RegistryCommand.ENVIRONMENT;

    @Test
    void namesVariablesAsConfluentsImagesDo() {
        assertThat(REGISTRY.variableFor("kafkastore.bootstrap.servers")).isEqualTo("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS");
        assertThat(REGISTRY.variableFor("a_b-c.d")).isEqualTo("SCHEMA_REGISTRY_A__B___C_D");
        assertThat(REGISTRY.settingFor("SCHEMA_REGISTRY_A__B___C_D")).isEqualTo("a_b-c.d");
        assertThat(REGISTRY.settingFor("KAFKA_LISTENERS")).isNull();
        assertThat(REGISTRY.variables()).contains("SCHEMA_REGISTRY_LISTENERS", "SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL");
    }

    @Test
    void readsDefinedSettingsAndKafkaClientSettingsOfTheStoreOnly() {
        Map<String, String> read = REGISTRY.read(Map.of(
                "SCHEMA_REGISTRY_KAFKASTORE_TOPIC", "_avrogate",
                "SCHEMA_REGISTRY_KAFKASTORE_SECURITY_PROTOCOL", "SSL",
                "SCHEMA_REGISTRY_KAFKASTORE_TOPICS", "typo",
                "SCHEMA_REGISTRY_HOST_NAME", "only Confluent's image reads this",
                "AVROGATE_LOG_LEVEL", "INFO",
                "PATH", "/usr/bin"));
        assertThat(read).containsExactlyInAnyOrderEntriesOf(Map.of(
                "kafkastore.topic", "_avrogate", "kafkastore.security.protocol", "SSL"));
        assertThat(REGISTRY.reads("AVROGATE_LOG_LEVEL")).isTrue();
        assertThat(REGISTRY.reads("SCHEMA_REGISTRY_KAFKASTORE_TOPICS")).isFalse();
    }

    @Test
    void theRegistryCommandTakesTheEnvironmentOverItsFile(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("registry.properties"),
                "kafkastore.bootstrap.servers=file:9092\nkafkastore.topic=_from_file\n");
        RegistryCommand command = new RegistryCommand();
        new CommandLine(command).parseArgs("--config", file.toString());
        command.environment = Map.of("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "env:9092");
        RegistryConfig config = command.settings();
        assertThat(config.getString(RegistryConfig.BOOTSTRAP_SERVERS)).isEqualTo("env:9092");
        assertThat(config.getString(RegistryConfig.TOPIC)).isEqualTo("_from_file");
    }

    @Test
    void aMissingSettingSaysWhereToSetIt() {
        RegistryCommand command = new RegistryCommand();
        new CommandLine(command).parseArgs();
        command.environment = Map.of();
        assertThatThrownBy(command::settings).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("kafkastore.bootstrap.servers").hasMessageContaining("SCHEMA_REGISTRY_*");
    }

    @Test
    void eachCommandReadsItsOwnVariablesOnly() {
        IngestCommand ingest = new IngestCommand();
        assertThat(EnvironmentSettings.readBy(ingest, "KAFKA_BOOTSTRAP_SERVERS")).isTrue();
        assertThat(EnvironmentSettings.readBy(ingest, "KAFKA_PRODUCER_LINGER_MS")).isTrue();
        assertThat(EnvironmentSettings.readBy(ingest, "KAFKA_PRODUCER_LINGER_MSS")).isFalse();
        assertThat(EnvironmentSettings.readBy(ingest, "SCHEMA_REGISTRY_KAFKASTORE_TOPIC")).isFalse();
        assertThat(EnvironmentSettings.readBy(new RegistryCommand(), "SCHEMA_REGISTRY_KAFKASTORE_TOPIC")).isTrue();
        assertThat(EnvironmentSettings.readBy(new RegistryCommand(), "KAFKA_BOOTSTRAP_SERVERS")).isFalse();
        assertThat(EnvironmentSettings.readBy(new CheckCommand(), "AVROGATE_LOG_LEVEL")).isTrue();
        assertThat(EnvironmentSettings.readBy(new CheckCommand(), "SCHEMA_REGISTRY_URL")).isFalse();
        // consume reads the connection variables through ConnectionOptions, but not the producer's own.
        assertThat(EnvironmentSettings.readBy(new ConsumeCommand(), "KAFKA_BOOTSTRAP_SERVERS")).isTrue();
        assertThat(EnvironmentSettings.readBy(new ConsumeCommand(), "SCHEMA_REGISTRY_URL")).isTrue();
        assertThat(EnvironmentSettings.readBy(new BridgeCommand(), "KAFKA_BOOTSTRAP_SERVERS")).isTrue();
        assertThat(EnvironmentSettings.readBy(new BridgeCommand(), "SCHEMA_REGISTRY_URL")).isTrue();
        assertThat(EnvironmentSettings.readBy(new BridgeCommand(), "KAFKA_PRODUCER_LINGER_MS")).isFalse();
        assertThat(EnvironmentSettings.readBy(new RegisterCommand(), "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO")).isTrue();
        assertThat(EnvironmentSettings.readBy(new IngestCommand(), "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO")).isTrue();
        assertThat(EnvironmentSettings.readBy(new RegistryCommand(), "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO")).isFalse();
        assertThat(EnvironmentSettings.readBy(new ConsumeCommand(), "KAFKA_PRODUCER_LINGER_MS")).isFalse();
        assertThat(EnvironmentSettings.readBy(new BridgeCommand(), "KAFKA_BOOTSTRAP_SERVERS")).isTrue();
        assertThat(EnvironmentSettings.readBy(new RegisterCommand(), "SCHEMA_REGISTRY_URL")).isTrue();
        assertThat(EnvironmentSettings.readBy(new RegisterCommand(), "KAFKA_BOOTSTRAP_SERVERS")).isFalse();
    }
}
