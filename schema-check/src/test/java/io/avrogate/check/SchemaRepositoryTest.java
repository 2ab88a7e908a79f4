package io.avrogate.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaRepositoryTest {
    @TempDir
    Path root;

    private static final String SHARED = "{\"type\":\"record\",\"name\":\"Geo\",\"namespace\":\"x.common\",\"doc\":\"g\","
            + "\"fields\":[{\"name\":\"country\",\"type\":\"string\",\"doc\":\"c\"}]}";
    private static final String USES_SHARED = "{\"type\":\"record\",\"name\":\"Click\",\"namespace\":\"x.clicks\",\"doc\":\"c\","
            + "\"fields\":[{\"name\":\"geo\",\"type\":\"x.common.Geo\",\"doc\":\"g\"}]}";

    private void subject(String name, String yaml, String... versions) throws Exception {
        Path dir = Files.createDirectories(root.resolve("subjects").resolve(name));
        if (yaml != null) Files.writeString(dir.resolve("subject.yaml"), yaml);
        for (int i = 0; i < versions.length; i++) {
            if (versions[i] != null) Files.writeString(dir.resolve("v" + (i + 1) + ".avsc"), versions[i]);
        }
    }

    @Test
    void gapsMissingYamlAndStrayFilesAreFindingsNotCrashes() throws Exception {
        subject("gap-value", "topic: gap\n", SHARED, null, SHARED);
        subject("noyaml-value", null, SHARED);
        subject("ok-value", "topic: ok\n", SHARED);
        Files.writeString(root.resolve("subjects/ok-value/notes.txt"), "hello");
        SchemaRepository repo = SchemaRepository.load(root);
        assertThat(repo.subjects()).containsOnlyKeys("ok-value");
        assertThat(repo.loadFindings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("v2.avsc is missing before v3.avsc"))
                .anySatisfy(m -> assertThat(m).contains("no subject.yaml"))
                .anySatisfy(m -> assertThat(m).contains("unexpected file"));
    }

    @Test
    void referencesResolveInDependencyOrderAndMissingOnesAreNamed() throws Exception {
        subject("x.common.Geo", "role: shared\ncompatibility: FULL_TRANSITIVE\n", SHARED);
        subject("clicks-value", "topic: clicks\nreferences:\n  - {name: x.common.Geo, subject: x.common.Geo, version: 1}\n", USES_SHARED);
        subject("broken-value", "topic: b\nreferences:\n  - {name: x.common.Geo, subject: x.common.Geo, version: 9}\n", USES_SHARED);
        SchemaRepository repo = SchemaRepository.load(root);
        assertThat(repo.referenceTexts(repo.subject("clicks-value").orElseThrow())).containsExactly(SHARED);
        assertThatThrownBy(() -> repo.referenceTexts(repo.subject("broken-value").orElseThrow()))
                .hasMessageContaining("version 9");
    }

    @Test
    void stagingPutsReferencedTypesIntoImportsUnderUniqueNames() throws Exception {
        subject("x.common.Geo", "role: shared\n", SHARED);
        subject("clicks-value", "topic: clicks\nreferences:\n  - {name: x.common.Geo, subject: x.common.Geo, version: 1}\n",
                USES_SHARED, USES_SHARED.replace("\"doc\":\"c\",", "\"doc\":\"c2\","));
        Path out = root.resolve("staged");
        assertThat(LatestVersionStager.stage(root, out)).isEqualTo(2);
        assertThat(Files.readString(out.resolve("imports/x.common.Geo.avsc"))).isEqualTo(SHARED);
        assertThat(Files.readString(out.resolve("sources/clicks-value.avsc"))).contains("c2");
    }

    @Test
    void subjectYamlErrorsNameTheKey() {
        assertThatThrownBy(() -> SubjectConfig.parse("topic: t\ncompatibilty: FULL\n", "s.yaml"))
                .hasMessageContaining("unknown key 'compatibilty'");
        assertThatThrownBy(() -> SubjectConfig.parse("topic: t\ncompatibility: SOMETIMES\n", "s.yaml"))
                .hasMessageContaining("SOMETIMES");
        assertThatThrownBy(() -> SubjectConfig.parse("role: value\n", "s.yaml")).hasMessageContaining("topic");
    }
}
