package io.avrogate.cli;

import static io.avrogate.cli.SchemaRepoFixture.click;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompatCommandTest {
    @TempDir
    Path tmp;

    @Test
    void checksAChainAndExplainsTheBreak() throws Exception {
        Path v1 = Files.writeString(tmp.resolve("v1.avsc"), click(""));
        Path v2 = Files.writeString(tmp.resolve("v2.avsc"), click(",{\"name\":\"n\",\"type\":\"int\",\"default\":0}"));
        Path v3 = Files.writeString(tmp.resolve("v3.avsc"), click(",{\"name\":\"n\",\"type\":\"int\"}"));
        SchemaRepoFixture repo = new SchemaRepoFixture(tmp.resolve("repo"));

        assertThat(repo.avrogate("compat", "--level", "BACKWARD", v1.toString(), v2.toString()).exitCode()).isZero();
        assertThat(repo.avrogate("compat", "--level", "BACKWARD", v1.toString(), v2.toString(), v3.toString()).exitCode()).isZero();
        var transitive = repo.avrogate("compat", "--level", "backward_transitive", v1.toString(), v2.toString(), v3.toString());
        assertThat(transitive.exitCode()).isEqualTo(1);
        assertThat(transitive.out()).contains("field 'n'").contains(v1.toString());
        assertThat(repo.avrogate("compat", "--level", "SIDEWAYS", v1.toString()).exitCode()).isEqualTo(2);
        assertThat(repo.avrogate("compat", tmp.resolve("missing.avsc").toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void referencedTypesComeFromRefFiles() throws Exception {
        Path geo = Files.writeString(tmp.resolve("geo.avsc"),
                "{\"type\":\"record\",\"name\":\"Geo\",\"namespace\":\"com.acme\",\"fields\":[{\"name\":\"lat\",\"type\":\"double\"}]}");
        String event = "{\"type\":\"record\",\"name\":\"Event\",\"namespace\":\"com.acme\",\"fields\":[{\"name\":\"geo\",\"type\":\"com.acme.Geo\"}%s]}";
        Path v1 = Files.writeString(tmp.resolve("e1.avsc"), event.formatted(""));
        Path v2 = Files.writeString(tmp.resolve("e2.avsc"), event.formatted(",{\"name\":\"n\",\"type\":\"int\"}"));
        SchemaRepoFixture repo = new SchemaRepoFixture(tmp.resolve("repo"));

        var withoutRef = repo.avrogate("compat", v1.toString(), v2.toString());
        assertThat(withoutRef.exitCode()).isEqualTo(2);
        assertThat(withoutRef.err()).contains("com.acme.Geo").contains("--ref");
        var withRef = repo.avrogate("compat", "--ref", geo.toString(), v1.toString(), v2.toString());
        assertThat(withRef.exitCode()).isEqualTo(1);
        assertThat(withRef.out()).contains("field 'n'");
    }
}
