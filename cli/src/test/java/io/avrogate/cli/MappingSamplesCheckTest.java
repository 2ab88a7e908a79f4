package io.avrogate.cli;

import static io.avrogate.cli.SchemaRepoFixture.clicksYaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * avrogate check runs every complete mapping on data: the samples next to it and generated records. A sample that
 * does not fit, translates to something unexpected, or fails where it should not, fails the check naming the field.
 */
class MappingSamplesCheckTest {
    private static final String OLD = "{\"type\":\"record\",\"name\":\"Click\",\"namespace\":\"com.acme.clicks\",\"doc\":\"A click.\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\",\"doc\":\"Id.\"},"
            + "{\"name\":\"count\",\"type\":\"int\",\"doc\":\"How many.\"},"
            + "{\"name\":\"price\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":6,\"scale\":2},\"doc\":\"Price.\"}]}";
    private static final String NEW = "{\"type\":\"record\",\"name\":\"Click\",\"namespace\":\"com.acme.clicks.v2\",\"doc\":\"A click.\","
            + "\"fields\":[{\"name\":\"click_id\",\"type\":\"string\",\"doc\":\"Id.\"},"
            + "{\"name\":\"count\",\"type\":\"long\",\"doc\":\"How many.\"},"
            + "{\"name\":\"price_micros\",\"type\":\"long\",\"doc\":\"Price in micros.\"},"
            + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"Note.\"}]}";
    private static final String MAPPING = "name: clicks-v2-to-v1\nsource: {subject: clicks.v2-value}\ntarget: {subject: clicks-value}\n"
            + "fields:\n  id: click_id\n  count: {from: count, convert: narrow}\n  price: {from: price_micros, convert: micros-to-decimal}\n"
            + "dropped: [note]\n";

    @TempDir
    Path tmp;

    SchemaRepoFixture repo;

    @BeforeEach
    void breakingChangeWithMapping() throws Exception {
        repo = new SchemaRepoFixture(tmp);
        repo.subject("clicks-value", clicksYaml("BACKWARD")).version("clicks-value", 1, OLD);
        repo.subject("clicks.v2-value", "topic: clicks.v2\nrole: value\ncompatibility: BACKWARD\nowner: ads\n"
                + "description: Clicks v2.\nreplaces: clicks-value\n").version("clicks.v2-value", 1, NEW);
        repo.mapping("clicks-v2-to-v1", MAPPING);
    }

    private SchemaRepoFixture.Result check() {
        return repo.avrogate("check", "--schemas", repo.schemas.toString());
    }

    private void samples(String json) throws Exception {
        Files.writeString(repo.schemas.resolve("migrations/clicks-v2-to-v1.samples.json"), json);
    }

    @Test
    void withoutSamplesTheCheckWarnsAndStillRunsGeneratedRecords() {
        var result = check();
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("no sample records").contains("clicks-v2-to-v1.samples.json");
        // Generated records include edge values: a long count that does not fit the old int is a dead letter.
        assertThat(result.out()).containsPattern("\\d+ of 200 generated records cannot be translated: target field 'count'");
    }

    @Test
    void samplesThatTranslateAsExpectedPass() throws Exception {
        samples("""
                [ {"name": "plain", "record": {"click_id": "c1", "count": 3, "price_micros": 1250000},
                   "expect": {"id": "c1", "count": 3, "price": 1.25}},
                  {"click_id": "c2", "count": 4, "price_micros": 0, "note": {"string": "avro json union"}},
                  {"name": "too many", "record": {"click_id": "c3", "count": 3000000000, "price_micros": 1},
                   "expect_error": "count"} ]
                """);
        var result = check();
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).doesNotContain("migration-samples] migrations/clicks-v2-to-v1.samples.json");
    }

    @Test
    void aWrongExpectationFailsNamingTheSampleAndTheField() throws Exception {
        samples("""
                [ {"name": "price", "record": {"click_id": "c1", "count": 3, "price_micros": 1250000},
                   "expect": {"price": 12.50}} ]
                """);
        var result = check();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("sample #1 (price): target field 'price' is 1.25, expected 12.5");
    }

    @Test
    void aSampleThatDoesNotFitTheNewSchemaOrCannotBeTranslatedFailsNamingTheField() throws Exception {
        samples("""
                [ {"click_id": "c1", "count": "three", "price_micros": 1},
                  {"click_id": "c2", "count": 1, "price_micros": 99999999999},
                  {"name": "should fail", "record": {"click_id": "c3", "count": 1, "price_micros": 10000}, "expect_error": "count"} ]
                """);
        var result = check();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out())
                .contains("sample #1 is not a valid com.acme.clicks.v2.Click: /count: expected long, got \"three\"")
                .contains("sample #2 cannot be translated: target field 'price'")
                .contains("sample #3 (should fail) was expected to fail on target field 'count' but translated");
    }

    @Test
    void aSamplesFileThatIsNotAnArrayIsAnError() throws Exception {
        samples("{\"click_id\": \"c1\"}");
        var result = check();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("a samples file is a JSON array of records");
    }

    @Test
    void recordsTheMappingDeclaresForTheDeadLetterTopicAreANoticeNotAWarning() throws Exception {
        samples("""
                [ {"name": "plain", "record": {"click_id": "c1", "count": 3, "price_micros": 1250000}} ]
                """);
        var undeclared = repo.avrogate("check", "--schemas", repo.schemas.toString(), "--fail-on-warning");
        assertThat(undeclared.exitCode()).as(undeclared.all()).isEqualTo(1);
        assertThat(undeclared.out()).contains("warning [migration-samples]").contains("on_error: dead-letter");

        // Generated prices with more than 2 decimals fail too: declared as well, the check has nothing to warn about.
        repo.mapping("clicks-v2-to-v1", MAPPING
                .replace("count: {from: count, convert: narrow}", "count: {from: count, convert: narrow, on_error: dead-letter}")
                .replace("price: {from: price_micros, convert: micros-to-decimal}",
                        "price: {from: price_micros, convert: micros-to-decimal, on_error: dead-letter}"));
        var declared = repo.avrogate("check", "--schemas", repo.schemas.toString(), "--fail-on-warning");
        assertThat(declared.exitCode()).as(declared.all()).isZero();
        assertThat(declared.out()).doesNotContain("warning [")
                .containsPattern("notice \\[migration-samples\\] .*\\d+ of 200 generated records cannot be translated: target field 'count'"
                        + ".*declares 'on_error: dead-letter'")
                .contains("0 errors, 0 warnings");
    }
}
