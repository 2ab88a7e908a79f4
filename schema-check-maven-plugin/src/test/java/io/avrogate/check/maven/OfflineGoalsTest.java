package io.avrogate.check.maven;

import static io.avrogate.check.maven.ProjectFixture.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goals that need no registry, run as Maven runs them, against an application project on disk. */
class OfflineGoalsTest {
    private static final String NS = "com.acme.orders";
    private static final String COMPATIBLE_V2 =
            order(NS, ",{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"A note.\"}");
    /** The second field lacks its comma: the JSON parser stops at the "type" key on line 5, column 19. */
    private static final String BROKEN_V2 = "{\n  \"type\": \"record\",\n  \"name\": \"Order\",\n  \"fields\": [\n"
            + "    {\"name\": \"id\" \"type\": \"string\"}\n  ]\n}\n";

    @TempDir
    Path tmp;
    ProjectFixture project;

    @BeforeEach
    void ordersSubject() throws Exception {
        project = new ProjectFixture(tmp).subject("orders-value", "topic: orders\nrole: value\nowner: shop\ndescription: Orders.\n",
                order(NS, ""));
    }

    @Test
    void validateNamesTheBrokenSourceFileWithLineAndColumn() throws Exception {
        project.version("orders-value", 2, BROKEN_V2);
        ValidateMojo mojo = project.configure(new ValidateMojo());
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("schemas/subjects/orders-value/v2.avsc:5:19");
        assertThat(ProjectFixture.log(mojo).lines).anySatisfy(line -> assertThat(line)
                .startsWith("ERROR").contains("schemas/subjects/orders-value/v2.avsc:5:19").contains("line 5, column 19"));
        assertThat(ProjectFixture.log(mojo).all()).doesNotContain("target/").doesNotContain("README.md");
    }

    @Test
    void validatePassesGoodSchemasAndIgnoresCompatibility() throws Exception {
        // Incompatible (a new field without a default) but valid: validate is about parsing only.
        project.version("orders-value", 2, order(NS, ",{\"name\":\"n\",\"type\":\"int\",\"doc\":\"N.\"}"));
        project.configure(new ValidateMojo()).execute();
    }

    @Test
    void checkFailsAFolderNamedWithATypoAndSuggestsTheSubject() throws Exception {
        project.subject("oders-value", "topic: orders\nrole: value\nowner: shop\ndescription: Orders.\n",
                order("com.acme.orders2", ""));
        CheckMojo mojo = project.configure(new CheckMojo());
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("schemas/subjects/oders-value/subject.yaml").hasMessageContaining("did you mean orders-value?");
    }

    @Test
    void checkWritesTheReportAndPassesAGoodTree() throws Exception {
        project.version("orders-value", 2, COMPATIBLE_V2);
        CheckMojo mojo = project.configure(new CheckMojo());
        mojo.reportFile = tmp.resolve("target/avrogate-check.json").toFile();
        mojo.format = "json";
        mojo.execute();
        assertThat(Files.readString(mojo.reportFile.toPath())).containsPattern("\"passed\"\\s*:\\s*true");
        assertThat(ProjectFixture.log(mojo).all()).contains("PASS orders-value (v2, BACKWARD)");
    }

    @Test
    void checkFailsOnWarningsOnlyWhenAsked() throws Exception {
        project.version("orders-value", 2, COMPATIBLE_V2.replace(",\"doc\":\"A note.\"", ""));
        project.configure(new CheckMojo()).execute();
        CheckMojo strict = project.configure(new CheckMojo());
        strict.failOnWarning = true;
        assertThatThrownBy(strict::execute).isInstanceOf(MojoFailureException.class).hasMessageContaining("field-doc");
    }

    @Test
    void testLocalCompatibilityChecksTheNewestVersionAgainstTheEarlierOnes() throws Exception {
        project.version("orders-value", 2, order(NS, ",{\"name\":\"amount\",\"type\":\"int\"}")); // no doc: lint, not compat
        TestLocalCompatibilityMojo mojo = project.configure(new TestLocalCompatibilityMojo());
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("schemas/subjects/orders-value/v2.avsc").hasMessageContaining("amount");
        assertThat(ProjectFixture.log(mojo).all()).contains("BACKWARD").doesNotContain("[field-doc]");

        project.version("orders-value", 2, order(NS, ",{\"name\":\"amount\",\"type\":\"int\",\"default\":0}"));
        project.configure(new TestLocalCompatibilityMojo()).execute();
    }

    @Test
    void skipSkips() throws Exception {
        project.version("orders-value", 2, BROKEN_V2);
        ValidateMojo mojo = project.configure(new ValidateMojo());
        mojo.skip = true;
        mojo.execute();
        assertThat(ProjectFixture.log(mojo).all()).contains("skipped");
    }

    @Test
    void stageLatestStagesNothingUnderAFolderTheUserEdits() throws Exception {
        project.version("orders-value", 2, COMPATIBLE_V2);
        StageLatestMojo mojo = new StageLatestMojo();
        mojo.schemasDirectory = project.schemas.toFile();
        mojo.outputDirectory = tmp.resolve("target/avrogate/latest").toFile();
        mojo.execute();
        assertThat(Files.readString(tmp.resolve("target/avrogate/latest/sources/orders-value.avsc"))).isEqualTo(COMPATIBLE_V2);
    }
}
