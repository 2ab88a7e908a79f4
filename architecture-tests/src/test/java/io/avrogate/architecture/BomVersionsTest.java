package io.avrogate.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Model;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.junit.jupiter.api.Test;

/**
 * avrogate-bom has no parent (so that it pins only what it lists), hence its own copy of the versions we test with.
 * The copy must not drift from the parent's, and the BOM must pin every library an application uses.
 */
class BomVersionsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void theBomPinsTheVersionsTheBuildTestsWith() throws Exception {
        Model parent = read(ROOT.resolve("pom.xml"));
        Model bom = read(ROOT.resolve("avrogate-bom/pom.xml"));

        assertThat(bom.getParent()).as("a parent's dependencyManagement would leak into applications").isNull();
        assertThat(bom.getVersion()).isEqualTo(parent.getVersion());
        for (String property : List.of("avro.version", "kafka.version", "jackson.version")) {
            assertThat(bom.getProperties().getProperty(property)).as(property)
                    .isNotNull().isEqualTo(parent.getProperties().getProperty(property));
        }
        List<String> managed = bom.getDependencyManagement().getDependencies().stream()
                .map(Dependency::getArtifactId).toList();
        assertThat(managed).contains("avrogate-schema-core", "avrogate-registry-client", "avrogate-serde",
                "avrogate-producer", "avrogate-consumer", "avrogate-schema-check", "avrogate-schema-check-maven-plugin",
                "avrogate-testkit", "avrogate-testkit-registry", "avro", "kafka-clients", "jackson-bom");
        assertThat(managed).as("the BOM pins libraries, not test frameworks or the broker")
                .doesNotContain("junit-bom", "assertj-core", "kafka_2.13");
    }

    private static Model read(Path pom) throws Exception {
        try (Reader reader = Files.newBufferedReader(pom)) {
            return new MavenXpp3Reader().read(reader);
        }
    }
}
