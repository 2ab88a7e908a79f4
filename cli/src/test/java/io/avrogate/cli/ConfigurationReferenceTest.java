package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.registry.RegistryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigurationReferenceTest {
    private static final Path COMMITTED = Path.of("").toAbsolutePath().getParent().resolve("docs/configuration.md");

    @Test
    void theCommittedReferenceIsUpToDate() throws Exception {
        assertThat(COMMITTED).as("docs/configuration.md exists; create it with: " + ConfigurationReference.REGENERATE).exists();
        assertThat(Files.readString(COMMITTED))
                .as("docs/configuration.md is out of date with the code's ConfigDefs; regenerate it with: "
                        + ConfigurationReference.REGENERATE)
                .isEqualTo(ConfigurationReference.render());
    }

    @Test
    void everyRegistrySettingIsDocumentedWithItsVariableAndDefault() {
        String reference = ConfigurationReference.render();
        for (String name : RegistryConfig.CONFIG_DEF.names()) {
            assertThat(reference).contains("| `" + name + "` | `" + RegistryCommand.ENVIRONMENT.variableFor(name) + "` |");
        }
        assertThat(reference).contains("| `kafkastore.bootstrap.servers` | `SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS` | string | *required* |");
        assertThat(reference).contains("| `kafkastore.topic` | `SCHEMA_REGISTRY_KAFKASTORE_TOPIC` | string | `_schemas` |");
    }

    @Test
    void theCommandWritesTheReference(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("docs/configuration.md");
        var cmd = Main.commandLine();
        cmd.setOut(new java.io.PrintWriter(new java.io.StringWriter()));
        assertThat(cmd.execute("config-reference", "--output", out.toString())).isZero();
        assertThat(Files.readString(out)).isEqualTo(ConfigurationReference.render());
    }
}
