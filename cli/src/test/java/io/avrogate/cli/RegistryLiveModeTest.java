package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.registry.RegistryServer;
import io.avrogate.registry.client.SchemaContent;
import io.avrogate.registry.client.SchemaReference;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code avrogate register} and {@code avrogate check --registry} against our real registry: a temporary schemas
 * repository with unique subject names (the registry is shared by the test JVM), registered, re-registered, and
 * checked with compatible, incompatible and new versions.
 */
@ExtendWith(RegistryExtension.class)
class RegistryLiveModeTest {
    @TempDir
    Path tmp;

    private SchemaRepoFixture repo;
    private RegistryServer registry;
    private SchemaRegistryClient client;
    private String id;
    private String clicks;
    private String geo;
    private String geoType;

    @BeforeEach
    void repository(RegistryServer registry) throws Exception {
        this.registry = registry;
        this.client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()));
        id = UUID.randomUUID().toString().replace("-", "");
        clicks = "clicks" + id + "-value";
        geo = "geo" + id;
        geoType = "com.acme.geo" + id + ".Geo";
        repo = new SchemaRepoFixture(tmp);
        repo.subject(geo, "role: shared\ncompatibility: FULL_TRANSITIVE\nowner: geo\ndescription: Where.\n")
                .version(geo, 1, "{\"type\":\"record\",\"name\":\"Geo\",\"namespace\":\"com.acme.geo" + id + "\","
                        + "\"doc\":\"A place.\",\"fields\":[{\"name\":\"country\",\"type\":\"string\",\"doc\":\"ISO code.\"}]}");
        repo.subject(clicks, "topic: clicks" + id + "\nrole: value\ncompatibility: BACKWARD\nowner: ads\ndescription: Clicks.\n"
                        + "references:\n  - name: " + geoType + "\n    subject: " + geo + "\n    version: 1\n")
                .version(clicks, 1, click(id, ""))
                .version(clicks, 2, click(id, ",{\"name\":\"campaign\",\"type\":[\"null\",\"string\"],\"default\":null,"
                        + "\"doc\":\"The campaign.\"}"));
    }

    private String click(String id, String extraFields) {
        return "{\"type\":\"record\",\"name\":\"Click\",\"namespace\":\"com.acme.clicks" + id + "\",\"doc\":\"A click.\","
                + "\"fields\":[{\"name\":\"id\",\"type\":\"string\",\"doc\":\"Click id.\"},"
                + "{\"name\":\"where\",\"type\":\"" + geoType + "\",\"doc\":\"Where.\"}" + extraFields + "]}";
    }

    private SchemaRepoFixture.Result register(String... extra) {
        String[] args = new String[4 + extra.length];
        args[0] = "register";
        args[1] = "--schemas";
        args[2] = repo.schemas.toString();
        args[3] = "--registry=" + registry.url();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return repo.avrogate(args);
    }

    private SchemaRepoFixture.Result checkLive(String... extra) {
        String[] args = new String[4 + extra.length];
        args[0] = "check";
        args[1] = "--schemas";
        args[2] = repo.schemas.toString();
        args[3] = "--registry=" + registry.url();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return repo.avrogate(args);
    }

    @Test
    void dryRunChangesNothingThenRegisterThenNothingNew() {
        var dry = register("--dry-run");
        assertThat(dry.exitCode()).as(dry.all()).isZero();
        assertThat(dry.out()).contains(clicks + ": would set level BACKWARD").contains("would register v1")
                .contains("would register v2").contains("Would register 3 version(s)");
        assertThat(client.subjects()).doesNotContain(clicks, geo);

        var first = register();
        assertThat(first.exitCode()).as(first.all()).isZero();
        // The referenced subject goes first.
        assertThat(first.out().indexOf(geo + ": ")).isLessThan(first.out().indexOf(clicks + ": "));
        assertThat(first.out()).contains("registered v1 as id").contains("Registered 3 version(s) and set 2 level(s)");
        assertThat(client.versions(geo)).containsExactly(1);
        assertThat(client.versions(clicks)).containsExactly(1, 2);
        assertThat(client.subjectCompatibilityLevel(clicks)).isEqualTo("BACKWARD");
        assertThat(client.subjectCompatibilityLevel(geo)).isEqualTo("FULL_TRANSITIVE");
        assertThat(client.version(clicks, "1").content().references()).containsExactly(new SchemaReference(geoType, geo, 1));

        var second = register();
        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(second.out()).contains("Nothing to register").contains("all 3 versions of 2 subjects")
                .doesNotContain("registered v");
        assertThat(client.versions(clicks)).containsExactly(1, 2);
    }

    @Test
    void checkAgainstTheRegistryPassesACompatibleAndFailsAnIncompatibleVersion() throws Exception {
        assertThat(register().exitCode()).isZero();

        repo.version(clicks, 3, click(id, ",{\"name\":\"campaign\",\"type\":[\"null\",\"string\"],"
                + "\"default\":null,\"doc\":\"The campaign.\"},{\"name\":\"n\",\"type\":\"int\",\"default\":0,\"doc\":\"N.\"}"));
        var compatible = checkLive();
        assertThat(compatible.exitCode()).as(compatible.all()).isZero();
        assertThat(compatible.out()).contains("Checked against every version registered in " + registry.url())
                .contains("PASS " + clicks + " (v3, BACKWARD)");

        repo.version(clicks, 3, click(id, ",{\"name\":\"campaign\",\"type\":[\"null\",\"string\"],"
                + "\"default\":null,\"doc\":\"The campaign.\"},{\"name\":\"budget\",\"type\":\"int\",\"doc\":\"B.\"}"));
        var incompatible = checkLive();
        assertThat(incompatible.exitCode()).as(incompatible.all()).isEqualTo(1);
        assertThat(incompatible.out()).contains("FAIL " + clicks).contains("budget")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("registered version 2")
                .doesNotContain("oldSchema");

        var json = checkLive("--format", "json");
        assertThat(json.out()).contains("budget").contains("\"FAIL\"");
    }

    @Test
    void theRegistryChecksEveryRegisteredVersionUnderATransitiveLevel() throws Exception {
        // v1 has no 'campaign'; v2 adds it with a default; v3 drops the default: fine against v2, not against v1.
        repo.subject(clicks, "topic: clicks" + id + "\nrole: value\ncompatibility: BACKWARD_TRANSITIVE\nowner: ads\n"
                        + "description: Clicks.\nreferences:\n  - name: " + geoType + "\n    subject: " + geo + "\n    version: 1\n")
                .version(clicks, 2, click(id, ",{\"name\":\"campaign\",\"type\":\"string\",\"default\":\"\",\"doc\":\"C.\"}"));
        assertThat(register().exitCode()).isZero();
        repo.version(clicks, 3, click(id, ",{\"name\":\"campaign\",\"type\":\"string\",\"doc\":\"C.\"}"));
        var result = checkLive();
        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(result.out()).contains("BACKWARD_TRANSITIVE").contains("campaign").contains("registered version 1");
    }

    @Test
    void aLevelThatDiffersFromTheRegistrysIsNamed() throws Exception {
        assertThat(register().exitCode()).isZero();
        client.setCompatibilityLevel(clicks, "FULL");
        repo.version(clicks, 3, click(id, ",{\"name\":\"campaign\",\"type\":[\"null\",\"string\"],"
                + "\"default\":null,\"doc\":\"The campaign.\"},{\"name\":\"budget\",\"type\":\"int\",\"doc\":\"B.\"}"));
        var result = checkLive();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("not FULL compatible").contains("the registry applies FULL, subject.yaml declares BACKWARD");
    }

    @Test
    void aSubjectTheRegistryDoesNotKnowPasses() throws Exception {
        var result = checkLive();
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("PASS " + clicks).contains("PASS " + geo);
        assertThat(client.subjects()).as("checking registers nothing").doesNotContain(clicks, geo);
    }

    @Test
    void aVersionTheRegistryRefusesFailsWithOneLine() {
        // The registry already holds a different, incompatible history for the subject.
        client.register(geo, SchemaContent.avro("{\"type\":\"record\",\"name\":\"Geo\",\"namespace\":\"other\",\"fields\":["
                + "{\"name\":\"lat\",\"type\":\"double\"}]}"), false);
        var result = register();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).startsWith("avrogate: cannot register " + geo + " v1:").doesNotContain("\n")
                .contains("country");
    }

    @Test
    void anUnreachableRegistryIsAOneLineFailure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path settings = tmp.resolve("client.properties");
        Files.writeString(settings, "max.retries=0\n");
        var result = repo.avrogate("check", "--schemas", repo.schemas.toString(), "--registry", "http://127.0.0.1:" + port,
                "--registry-config", settings.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).doesNotContain("\n")
                .contains("cannot reach the schema registry at http://127.0.0.1:" + port + " (connection refused)")
                .contains("--registry");
    }

    @Test
    void usageErrors() {
        assertThat(repo.avrogate("register", "--schemas", repo.schemas.toString()).exitCode()).isEqualTo(2);
        assertThat(repo.avrogate("register", "--schemas", tmp.resolve("nowhere").toString(), "--registry",
                registry.url()).exitCode()).isEqualTo(2);
        assertThat(repo.avrogate("check", "--schemas", repo.schemas.toString(), "--registry-config", "x.properties")
                .exitCode()).isEqualTo(2);
        assertThat(repo.avrogate("check", "--schemas", repo.schemas.toString(), "--registry", "ftp://nowhere")
                .exitCode()).isEqualTo(2);
    }

    @Test
    void theProjectsOwnSchemasRegisterIntoAFreshRegistryOnceAndThenCheckClean(EmbeddedKafka kafka) throws Exception {
        // A registry of its own (own topic on the shared broker), so the counts are exact.
        try (RegistryServer own = RegistryServer.start(Map.of("listeners", "http://127.0.0.1:0",
                "kafkastore.bootstrap.servers", kafka.bootstrapServers(),
                "kafkastore.topic", "_schemas_" + UUID.randomUUID()))) {
            Path schemas = Path.of("..", "schemas");
            long versions;
            try (var files = Files.walk(schemas.resolve("subjects"))) {
                versions = files.filter(f -> f.toString().endsWith(".avsc")).count();
            }
            var first = repo.avrogate("register", "--schemas", schemas.toString(), "--registry", own.url());
            assertThat(first.exitCode()).as(first.all()).isZero();
            assertThat(first.out()).contains("Registered " + versions + " version(s)");

            var again = repo.avrogate("register", "--schemas", schemas.toString(), "--registry", own.url());
            assertThat(again.exitCode()).as(again.all()).isZero();
            assertThat(again.out()).contains("Nothing to register").contains("all " + versions + " versions");

            var check = repo.avrogate("check", "--schemas", schemas.toString(), "--registry", own.url());
            assertThat(check.exitCode()).as(check.all()).isZero();

            SchemaRegistryClient ownClient = SchemaRegistryClients.create(Map.of("schema.registry.url", own.url()));
            try (var dirs = Files.list(schemas.resolve("subjects"))) {
                assertThat(ownClient.subjects()).hasSize((int) dirs.count());
            }
            assertThat(ownClient.subjectCompatibilityLevel("ad-clicks-value")).isEqualTo("BACKWARD_TRANSITIVE");
            assertThat(ownClient.versions("ad-clicks-value")).containsExactly(1, 2, 3);
        }
    }
}
