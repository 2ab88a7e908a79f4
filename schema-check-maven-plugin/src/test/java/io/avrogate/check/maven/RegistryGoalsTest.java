package io.avrogate.check.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avrogate.registry.RegistryServer;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import io.avrogate.testkit.registry.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The live goals against our real registry (on a real Kafka broker); each test uses its own subjects. */
@ExtendWith(RegistryExtension.class)
class RegistryGoalsTest {
    @TempDir
    Path tmp;

    RegistryServer registry;
    SchemaRegistryClient client;
    ProjectFixture project;
    String geo;
    String orders;
    String ordersNamespace;

    @BeforeEach
    void project(RegistryServer registry) throws Exception {
        this.registry = registry;
        client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()));
        String id = UUID.randomUUID().toString().replace("-", "");
        String geoNamespace = "com.acme.geo" + id;
        geo = geoNamespace + ".Geo";
        orders = "orders" + id + "-value";
        ordersNamespace = "com.acme.orders" + id;
        project = new ProjectFixture(tmp)
                .subject(geo, "role: shared\ncompatibility: FULL_TRANSITIVE\nowner: geo\ndescription: Where.\n",
                        "{\"type\":\"record\",\"name\":\"Geo\",\"namespace\":\"" + geoNamespace + "\",\"doc\":\"A place.\","
                                + "\"fields\":[{\"name\":\"country\",\"type\":\"string\",\"doc\":\"ISO code.\"}]}")
                .subject(orders, "topic: orders" + id + "\nrole: value\ncompatibility: BACKWARD_TRANSITIVE\nowner: shop\n"
                                + "description: Orders.\nreferences:\n  - {name: " + geo + ", subject: " + geo + ", version: 1}\n",
                        order(""), order(",{\"name\":\"campaign\",\"type\":\"string\",\"default\":\"\",\"doc\":\"C.\"}"));
    }

    @AfterEach
    void close() {
        client.close();
    }

    private String order(String extraFields) {
        return "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"" + ordersNamespace + "\",\"doc\":\"An order.\","
                + "\"fields\":[{\"name\":\"id\",\"type\":\"string\",\"doc\":\"Id.\"},"
                + "{\"name\":\"geo\",\"type\":\"" + geo + "\",\"doc\":\"Where.\"}" + extraFields + "]}";
    }

    private <T extends AbstractRegistryMojo> T live(T mojo) {
        project.configure(mojo);
        mojo.schemaRegistryUrls = List.of(registry.url());
        return mojo;
    }

    @Test
    void registerRegistersReferencedSubjectsFirstPinsLevelsAndIsIdempotent() throws Exception {
        RegisterMojo first = live(new RegisterMojo());
        first.execute();
        assertThat(client.versions(geo)).containsExactly(1);
        assertThat(client.versions(orders)).containsExactly(1, 2);
        assertThat(client.subjectCompatibilityLevel(orders)).isEqualTo("BACKWARD_TRANSITIVE");
        assertThat(client.version(orders, "2").content().references()).singleElement()
                .satisfies(ref -> assertThat(ref.subject()).isEqualTo(geo));
        String log = ProjectFixture.log(first).all();
        assertThat(log.indexOf(geo + ": ")).isLessThan(log.indexOf(orders + ": "));

        RegisterMojo again = live(new RegisterMojo());
        again.normalizeSchemas = true;
        again.execute();
        assertThat(ProjectFixture.log(again).all()).contains("registered 0 versions").contains("3 already there");
        assertThat(client.versions(orders)).containsExactly(1, 2);
    }

    @Test
    void aDryRunWritesNothing() throws Exception {
        RegisterMojo mojo = live(new RegisterMojo());
        mojo.dryRun = true;
        mojo.execute();
        assertThat(ProjectFixture.log(mojo).all()).contains("would register 3 versions");
        assertThat(client.subjects()).doesNotContain(orders, geo);
    }

    @Test
    void testCompatibilityChecksEveryRegisteredVersionWithTheRegistrysMessages() throws Exception {
        live(new RegisterMojo()).execute();
        // Fine against v2 (which has 'campaign'), not against v1: only a check of every version finds it.
        project.version(orders, 3, order(",{\"name\":\"campaign\",\"type\":\"string\",\"doc\":\"C.\"}"));
        TestCompatibilityMojo failing = live(new TestCompatibilityMojo());
        assertThatThrownBy(failing::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("schemas/subjects/" + orders + "/v3.avsc").hasMessageContaining("campaign");
        assertThat(ProjectFixture.log(failing).all()).contains("BACKWARD_TRANSITIVE").contains("registered version 1");

        project.version(orders, 3, order(",{\"name\":\"campaign\",\"type\":\"string\",\"default\":\"\",\"doc\":\"C.\"},"
                + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"N.\"}"));
        live(new TestCompatibilityMojo()).execute();
    }

    @Test
    void setCompatibilityAppliesSubjectYamlAndTheExplicitLevels() throws Exception {
        SetCompatibilityMojo mojo = live(new SetCompatibilityMojo());
        mojo.compatibilityLevels = Map.of(orders, "full");
        mojo.execute();
        assertThat(client.subjectCompatibilityLevel(geo)).isEqualTo("FULL_TRANSITIVE");
        assertThat(client.subjectCompatibilityLevel(orders)).isEqualTo("FULL");

        SetCompatibilityMojo again = live(new SetCompatibilityMojo());
        again.execute();
        assertThat(client.subjectCompatibilityLevel(orders)).isEqualTo("BACKWARD_TRANSITIVE");
        assertThat(ProjectFixture.log(again).all()).contains("set 1 of 2");
    }

    @Test
    void downloadWritesOurLayoutWhichThenPassesTheCheck() throws Exception {
        live(new RegisterMojo()).execute();
        Path downloaded = tmp.resolve("downloaded");
        DownloadMojo download = live(new DownloadMojo());
        download.subjectPatterns = List.of(".*" + ordersNamespace.substring("com.acme.orders".length()) + ".*");
        download.outputDirectory = downloaded.toFile();
        download.prettyPrintSchemas = true;
        download.execute();

        Path subject = downloaded.resolve("subjects").resolve(orders);
        assertThat(Files.readString(subject.resolve("v2.avsc"))).contains("\n").contains("campaign");
        assertThat(Files.readString(subject.resolve("subject.yaml")))
                .contains("topic: " + orders.replace("-value", "")).contains("role: value")
                .contains("compatibility: BACKWARD_TRANSITIVE").contains("subject: " + geo).contains("version: 1");
        assertThat(Files.readString(downloaded.resolve("subjects").resolve(geo).resolve("subject.yaml"))).contains("role: shared");

        CheckMojo check = project.configure(new CheckMojo());
        check.schemasDirectory = downloaded.toFile();
        check.format = "text";
        check.execute();
        assertThat(ProjectFixture.log(check).all()).contains("PASS " + orders + " (v2, BACKWARD_TRANSITIVE)");
    }

    @Test
    void clientSettingsReachTheClientAndBadOnesAreNamed() {
        TestCompatibilityMojo mojo = live(new TestCompatibilityMojo());
        mojo.configs = Map.of("basic.auth.credentials.source", "NOT_A_SOURCE");
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("registry client settings").hasMessageContaining("basic.auth.credentials.source");
    }
}
