package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The bridge commands' usage and failure paths, and 'bridge status' against a real broker. */
@ExtendWith(RegistryExtension.class)
class BridgeCommandTest {
    @TempDir
    Path tmp;

    private Path mapping(String suffix) throws Exception {
        String yaml = Files.readString(Path.of("..", "schemas", "migrations", "ad-clicks-v2-to-v1.yaml"))
                .replace("subject: ad-clicks.v2-value", "subject: cli-" + suffix + ".v2-value")
                .replace("subject: ad-clicks-value", "subject: cli-" + suffix + "-value");
        return Files.writeString(tmp.resolve("m.yaml"), yaml);
    }

    @Test
    void usageErrorsAreOneLine() throws Exception {
        SchemaRepoFixture cli = new SchemaRepoFixture(tmp.resolve("repo"));
        var missing = cli.avrogate("bridge", "--mapping", tmp.resolve("nope.yaml").toString(), "--bootstrap-servers", "localhost:1");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no mapping file");
        var badDuration = cli.avrogate("bridge", "status", "--mapping", mapping("x").toString(),
                "--bootstrap-servers", "localhost:1", "--quiet-period", "soon");
        assertThat(badDuration.exitCode()).isEqualTo(2);
        assertThat(badDuration.err()).contains("not a duration");
    }

    @Test
    void theBridgeRefusesToStartWhenTheOldSchemaIsNotRegistered(EmbeddedKafka kafka, RegistryServer registry) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        SchemaRepoFixture cli = new SchemaRepoFixture(tmp.resolve("repo"));
        var result = cli.avrogate("bridge", "--mapping", mapping(suffix).toString(),
                "--bootstrap-servers", kafka.bootstrapServers(), "--registry-url", registry.url(), "-D", "bridge.http.port=-1");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).doesNotContain("\n").contains("cli-" + suffix).contains("the bridge never registers");
    }

    @Test
    void statusSaysNotSafeWhileTheBridgeHasBridgedNothing(EmbeddedKafka kafka) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        kafka.createTopic("cli-" + suffix + ".v2", 1);
        kafka.createTopic("cli-" + suffix, 1);
        SchemaRepoFixture cli = new SchemaRepoFixture(tmp.resolve("repo"));
        var result = cli.avrogate("bridge", "status", "--mapping", mapping(suffix).toString(),
                "--bootstrap-servers", kafka.bootstrapServers(), "--quiet-period", "1h",
                "-D", "bridge.status.topic=_status-" + suffix);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out()).contains("0 consumer group(s)")
                .contains("NOT SAFE: the bridge group 'avrogate-bridge.ad-clicks-v2-to-v1' has committed no offsets");
    }
}
