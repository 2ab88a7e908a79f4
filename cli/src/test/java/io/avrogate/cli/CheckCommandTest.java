package io.avrogate.cli;

import static io.avrogate.cli.SchemaRepoFixture.click;
import static io.avrogate.cli.SchemaRepoFixture.clicksYaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The CI check as a reviewer meets it: a pull request on top of a released base, checked with --against. */
class CheckCommandTest {
    @TempDir
    Path tmp;

    SchemaRepoFixture repo;

    @BeforeEach
    void releasedBase() throws Exception {
        repo = new SchemaRepoFixture(tmp);
        repo.subject("clicks-value", clicksYaml("BACKWARD")).version("clicks-value", 1, click(""));
        repo.commit("release clicks v1");
    }

    private SchemaRepoFixture.Result check(String... extra) {
        String[] args = new String[extra.length + 5];
        args[0] = "check";
        args[1] = "--schemas";
        args[2] = repo.schemas.toString();
        args[3] = "--against";
        args[4] = "main";
        System.arraycopy(extra, 0, args, 5, extra.length);
        return repo.avrogate(args);
    }

    @Test
    void editingAReleasedVersionFailsNamingTheFile() throws Exception {
        repo.version("clicks-value", 1, click(",{\"name\":\"extra\",\"type\":\"int\",\"default\":0,\"doc\":\"x\"}"));
        var result = check();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("subjects/clicks-value/v1.avsc").contains("edited").contains("v2.avsc");
    }

    @Test
    void reformattingAReleasedVersionIsNotAnEdit() throws Exception {
        String pretty = new ObjectMapper().readTree(click("")).toPrettyString();
        repo.version("clicks-value", 1, pretty);
        assertThat(check().exitCode()).isEqualTo(0);
    }

    @Test
    void deletingAReleasedVersionFails() throws Exception {
        repo.version("clicks-value", 2, click(""));
        repo.commit("release v2");
        Files.delete(repo.schemas.resolve("subjects/clicks-value/v1.avsc"));
        var result = check();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("v1.avsc").containsAnyOf("deleted", "not contiguous");
    }

    @Test
    void anIncompatibleNewVersionFailsNamingTheField() throws Exception {
        repo.version("clicks-value", 2, click(",{\"name\":\"campaign\",\"type\":\"string\",\"doc\":\"The campaign.\"}"));
        var result = check();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("campaign").contains("BACKWARD").contains("default");
    }

    @Test
    void aCompatibleNewVersionPasses() throws Exception {
        repo.version("clicks-value", 2, click(
                ",{\"name\":\"campaign\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"The campaign.\"}"));
        var result = check();
        assertThat(result.exitCode()).as(result.all()).isEqualTo(0);
        assertThat(result.out()).contains("PASS clicks-value (v2, BACKWARD)");
    }

    @Test
    void transitiveLevelsCheckEveryEarlierVersion() throws Exception {
        // v2 gives 'campaign' a default; v3 drops the default again: fine against v2, not against v1.
        repo.subject("clicks-value", clicksYaml("BACKWARD_TRANSITIVE"))
                .version("clicks-value", 2, click(",{\"name\":\"campaign\",\"type\":\"string\",\"default\":\"\",\"doc\":\"c\"}"));
        repo.commit("v2");
        repo.version("clicks-value", 3, click(",{\"name\":\"campaign\",\"type\":\"string\",\"doc\":\"c\"}"));
        var result = check();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("campaign").contains("version 1");
    }

    @Test
    void aBrandNewSubjectPasses() throws Exception {
        repo.subject("views-value", "topic: views\nrole: value\ncompatibility: FULL_TRANSITIVE\nowner: ads\ndescription: Views.\n")
                .version("views-value", 1, click("").replace("Click", "View"));
        var result = check();
        assertThat(result.exitCode()).as(result.all()).isEqualTo(0);
        assertThat(result.out()).contains("PASS views-value (v1, FULL_TRANSITIVE)");
    }

    @Test
    void aBreakingChangeWithoutACompleteMappingFailsNamingTheMissingField() throws Exception {
        repo.subject("clicks.v2-value", "topic: clicks.v2\nrole: value\ncompatibility: BACKWARD\nowner: ads\n"
                        + "description: Clicks v2.\nreplaces: clicks-value\n")
                .version("clicks.v2-value", 1, "{\"type\":\"record\",\"name\":\"Click\",\"namespace\":\"com.acme.clicks.v2\","
                        + "\"doc\":\"A click.\",\"fields\":[{\"name\":\"click_id\",\"type\":\"string\",\"doc\":\"Id.\"}]}");
        var withoutMapping = check();
        assertThat(withoutMapping.exitCode()).isEqualTo(1);
        assertThat(withoutMapping.out()).contains("no mapping").contains("clicks.v2-value");

        repo.mapping("clicks-v2-to-v1", "source: {subject: clicks.v2-value}\ntarget: {subject: clicks-value}\n"
                + "fields:\n  id: click_id\n");
        var incomplete = check();
        assertThat(incomplete.exitCode()).isEqualTo(1);
        assertThat(incomplete.out()).contains("ad_id").contains("no default");

        repo.mapping("clicks-v2-to-v1", "source: {subject: clicks.v2-value}\ntarget: {subject: clicks-value}\n"
                + "fields:\n  id: click_id\n  ad_id: {constant: unknown}\n");
        var complete = check();
        assertThat(complete.exitCode()).as(complete.all()).isEqualTo(0);
    }

    @Test
    void sameFullNameWithADifferentShapeInTwoSubjectsFails() throws Exception {
        repo.subject("other-value", "topic: other\nrole: value\ncompatibility: BACKWARD\nowner: ads\ndescription: O.\n")
                .version("other-value", 1, click(",{\"name\":\"x\",\"type\":\"int\",\"doc\":\"x\"}"));
        var result = check();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("com.acme.clicks.Click").contains("namespace");
    }

    @Test
    void lintFindsMissingDocsAndBadNamesAndCanBeConfigured() throws Exception {
        repo.subject("bad-value", "topic: bad\nrole: value\ncompatibility: BACKWARD\nowner: ads\ndescription: B.\n")
                .version("bad-value", 1, "{\"type\":\"record\",\"name\":\"bad_name\",\"namespace\":\"com.acme\","
                        + "\"fields\":[{\"name\":\"CamelField\",\"type\":\"int\"}]}");
        var strict = check();
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.out()).contains("[record-doc]").contains("[type-name]").contains("[field-name]").contains("[field-doc]");

        Files.writeString(repo.schemas.resolve("lint.yaml"),
                "rules:\n  record-doc: warning\n  type-name: off\n  field-name: off\n  field-doc: off\n");
        var relaxed = check();
        assertThat(relaxed.exitCode()).as(relaxed.all()).isEqualTo(0);
        assertThat(relaxed.out()).contains("[record-doc]").doesNotContain("[type-name]");
        assertThat(check("--fail-on-warning").exitCode()).isEqualTo(1);
    }

    @Test
    void reportsInEveryFormatCarryTheVerdicts() throws Exception {
        repo.version("clicks-value", 2, click(",{\"name\":\"campaign\",\"type\":\"string\",\"doc\":\"c\"}"));

        Path md = tmp.resolve("out/report.md");
        assertThat(check("--format", "markdown", "--output", md.toString()).exitCode()).isEqualTo(1);
        assertThat(Files.readString(md)).contains("| `clicks-value` | v2 | BACKWARD | ❌").contains("campaign");

        Path xml = tmp.resolve("out/report.xml");
        check("--format", "junit", "--output", xml.toString());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Files.readAllBytes(xml)));
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        assertThat(doc.getElementsByTagName("failure").item(0).getTextContent()).contains("campaign");

        var json = check("--format", "json");
        JsonNode root = new ObjectMapper().readTree(json.out().getBytes(StandardCharsets.UTF_8));
        assertThat(root.get("passed").asBoolean()).isFalse();
        assertThat(root.at("/subjects/0/status").asText()).isEqualTo("FAIL");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(check("--format", "pdf").exitCode()).isEqualTo(2);
        assertThat(repo.avrogate("check", "--schemas", tmp.resolve("nowhere").toString()).exitCode()).isEqualTo(2);
        var badRef = repo.avrogate("check", "--schemas", repo.schemas.toString(), "--against", "no-such-branch");
        assertThat(badRef.exitCode()).isEqualTo(2);
        assertThat(badRef.err()).contains("no-such-branch");
    }

    @Test
    void theProjectsOwnSchemasPass() {
        var result = repo.avrogate("check", "--schemas", Path.of("..", "schemas").toString());
        assertThat(result.exitCode()).as(result.all()).isEqualTo(0);
    }
}
