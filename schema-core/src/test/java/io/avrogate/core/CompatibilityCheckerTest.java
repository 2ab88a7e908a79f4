package io.avrogate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a reviewer reads: the field path, both types, the version, and a fix; and the level semantics around it. */
class CompatibilityCheckerTest {
    private final CompatibilityChecker checker = new CompatibilityChecker();

    private static VersionedSchema v(int version, String fields) {
        return new VersionedSchema(version, AvroSchemas.parseStored(record(fields)));
    }

    private static String record(String fields) {
        return "{\"type\":\"record\",\"name\":\"Click\",\"namespace\":\"t\",\"fields\":[" + fields + "]}";
    }

    private static final String DEVICE_V1 = "{\"name\":\"device\",\"type\":{\"type\":\"record\",\"name\":\"Device\","
            + "\"fields\":[{\"name\":\"os\",\"type\":\"string\"}]}}";
    private static final String DEVICE_INT_OS = "{\"name\":\"device\",\"type\":{\"type\":\"record\",\"name\":\"Device\","
            + "\"fields\":[{\"name\":\"os\",\"type\":\"int\"}]}}";

    @Test
    void explanationNamesTheNestedFieldTypesVersionAndFix() {
        CompatibilityResult result = checker.check(AvroSchemas.parseCandidate(record(DEVICE_INT_OS)),
                List.of(v(1, DEVICE_V1)), CompatibilityLevel.BACKWARD);
        assertThat(result.compatible()).isFalse();
        Incompatibility only = result.incompatibilities().get(0);
        assertThat(only.fieldPath()).isEqualTo("device.os");
        assertThat(only.oldVersion()).isEqualTo(1);
        assertThat(only.explanation())
                .contains("device.os").contains("string").contains("int").contains("version 1").contains("promotion");
    }

    @Test
    void addedFieldWithoutDefaultTellsToAddADefault() {
        CompatibilityResult result = checker.check(
                AvroSchemas.parseCandidate(record("{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"campaign\",\"type\":\"string\"}")),
                List.of(v(1, "{\"name\":\"id\",\"type\":\"long\"}")), CompatibilityLevel.BACKWARD);
        assertThat(result.incompatibilities()).singleElement()
                .satisfies(i -> assertThat(i.explanation()).contains("campaign").contains("default"));
    }

    @Test
    void nonTransitiveLevelsIgnoreOlderVersionsButTransitiveOnesReportTheNewestFailure() {
        // v1 has no 'email'; v2 adds it with a default; the candidate makes it required.
        List<VersionedSchema> history = List.of(
                v(1, "{\"name\":\"id\",\"type\":\"long\"}"),
                v(2, "{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"email\",\"type\":\"string\",\"default\":\"\"}"));
        var candidate = AvroSchemas.parseCandidate(record("{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"email\",\"type\":\"string\"}"));
        assertThat(checker.check(candidate, history, CompatibilityLevel.BACKWARD).compatible()).isTrue();
        CompatibilityResult transitive = checker.check(candidate, history, CompatibilityLevel.BACKWARD_TRANSITIVE);
        assertThat(transitive.compatible()).isFalse();
        assertThat(transitive.incompatibilities()).allSatisfy(i -> assertThat(i.oldVersion()).isEqualTo(1));
        assertThat(transitive.messages()).contains("{oldSchemaVersion: 1}");
    }

    @Test
    void newSubjectAndNoneAreAlwaysCompatible() {
        var anything = AvroSchemas.parseCandidate(record(DEVICE_INT_OS));
        assertThat(checker.check(anything, List.of(), CompatibilityLevel.FULL_TRANSITIVE).compatible()).isTrue();
        assertThat(checker.check(anything, List.of(v(1, DEVICE_V1)), CompatibilityLevel.NONE).compatible()).isTrue();
    }

    @Test
    void levelsParseCaseInsensitively() {
        assertThat(CompatibilityLevel.parse(" full_transitive ")).contains(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(CompatibilityLevel.parse("sideways")).isEmpty();
    }
}
