package io.avrogate.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avrogate.registry.client.SchemaRegistryClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The slips a reviewer misses: folder names that are not the subject, typos in subject.yaml, new topics, broken JSON. */
class GovernanceTest {
    @TempDir
    Path root;

    private static String order(String extraFields) {
        return "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"com.acme.orders\",\"doc\":\"An order.\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"string\",\"doc\":\"Order id.\"}" + extraFields + "]}";
    }

    private void subject(String name, String yaml, String... versions) throws Exception {
        Path dir = Files.createDirectories(root.resolve("subjects").resolve(name));
        Files.writeString(dir.resolve("subject.yaml"), yaml);
        for (int i = 0; i < versions.length; i++) Files.writeString(dir.resolve("v" + (i + 1) + ".avsc"), versions[i]);
    }

    private CheckReport check() {
        return new SchemaCheck(new SchemaCheck.Options(root, null, null, null)).run();
    }

    private static List<Finding> findings(CheckReport report, String subject) {
        return report.subjects().stream().filter(r -> r.subject().equals(subject)).findFirst().orElseThrow().findings();
    }

    @Test
    void aFolderNamedWithATypoFailsWithTheSubjectItShouldBe() throws Exception {
        subject("oders-value", "topic: orders\nrole: value\n", order(""));
        CheckReport report = check();
        assertThat(report.passed(false)).isFalse();
        Finding naming = findings(report, "oders-value").get(0);
        assertThat(naming.isError()).isTrue();
        assertThat(naming.check()).isEqualTo("naming");
        assertThat(naming.file()).isEqualTo("subjects/oders-value/subject.yaml");
        assertThat(naming.message()).contains("did you mean orders-value?");
    }

    @Test
    void aKeySchemaInAValueFolderFails() throws Exception {
        subject("orders-value", "topic: orders\nrole: key\n", "\"string\"");
        assertThat(findings(check(), "orders-value")).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("did you mean orders-key?"));
    }

    @Test
    void registrationRefusesAFolderThatIsNotItsSubject() throws Exception {
        subject("oders-value", "topic: orders\nrole: value\n", order(""));
        var client = SchemaRegistryClients.create(Map.of("schema.registry.url", "mock://governance-test"));
        assertThatThrownBy(() -> new SchemaRegistration(SchemaRepository.load(root), client, true, line -> { }).run())
                .hasMessageContaining("orders-value");
    }

    @Test
    void recordNameStrategiesNameTheSubjectAfterTheRecord() throws Exception {
        subject("com.acme.orders.Order", "topic: orders\nnaming-strategy: RecordNameStrategy\n", order(""));
        subject("orders-com.acme.orders.Order",
                "topic: orders\nnaming-strategy: io.confluent.kafka.serializers.subject.TopicRecordNameStrategy\n", order(""));
        subject("com.acme.order.Order", "topic: orders\nnaming-strategy: RecordNameStrategy\n", order(""));
        CheckReport report = check();
        assertThat(findings(report, "com.acme.orders.Order")).noneMatch(f -> f.check().equals("naming"));
        assertThat(findings(report, "orders-com.acme.orders.Order")).noneMatch(f -> f.check().equals("naming"));
        assertThat(findings(report, "com.acme.order.Order")).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("RecordNameStrategy").contains("did you mean com.acme.orders.Order?"));
    }

    @Test
    void unknownKeysAndStrategiesInSubjectYamlGetASuggestion() {
        assertThatThrownBy(() -> SubjectConfig.parse("topic: t\ncompatibilty: FULL\n", "s.yaml"))
                .hasMessageContaining("unknown key 'compatibilty' (did you mean 'compatibility'?)");
        assertThatThrownBy(() -> SubjectConfig.parse("topic: t\nnaming-strategy: RecordNamingStrategy\n", "s.yaml"))
                .hasMessageContaining("did you mean 'RecordNameStrategy'?");
        assertThatThrownBy(() -> SubjectConfig.parse("topic: t\nownr: me\n", "s.yaml"))
                .hasMessageContaining("did you mean 'owner'?");
    }

    @Test
    void aNewSubjectOnATopicNoOtherSubjectUsesIsANoticeNotAFailure() throws Exception {
        subject("orders-value", "topic: orders\n", order(""),
                order(",{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"A note.\"}"));
        subject("oders-key", "topic: oders\nrole: key\n", "\"string\"");
        subject("orders-key", "topic: orders\nrole: key\n", "\"string\"");
        CheckReport report = check();
        assertThat(report.passed(true)).as(report.toString()).isTrue();
        List<Finding> flagged = findings(report, "oders-key");
        assertThat(flagged).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.NOTICE);
            assertThat(f.check()).isEqualTo("new-topic");
            assertThat(f.message()).contains("'oders'").contains("did you mean 'orders'?");
        });
        assertThat(findings(report, "orders-key")).isEmpty(); // new, but its topic already has a subject
        assertThat(report.subjects()).allMatch(r -> r.status() == SubjectResult.Status.PASS);
    }

    @Test
    void topicConfigIsCheckedOfflineAndOneTopicHasOneDeclaration() throws Exception {
        subject("orders-key", "topic: orders\nrole: key\ntopic-config:\n  partitions: 6\n", "\"string\"");
        subject("orders-value", "topic: orders\ntopic-config:\n  partitions: 3\n", order(""));
        subject("refunds-value", "topic: refunds\ntopic-config:\n  configs:\n    cleanup.policy: compacted\n", order(""));
        CheckReport report = check();
        assertThat(report.passed(false)).isFalse();
        assertThat(findings(report, "orders-value")).filteredOn(Finding::isError).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo("topic-config");
            assertThat(f.message()).isEqualTo("topic-config for topic 'orders' differs from the one in orders-key/subject.yaml");
        });
        assertThat(report.general()).extracting(Finding::message).anySatisfy(m -> assertThat(m)
                .startsWith("subjects/refunds-value/subject.yaml: topic-config.configs.cleanup.policy: unknown policy 'compacted'"));
    }

    @Test
    void aJsonSyntaxErrorNamesTheFileLineAndColumn() throws Exception {
        // A missing comma: the parser stops at the "type" key, line 5, column 19.
        String broken = "{\n  \"type\": \"record\",\n  \"name\": \"Order\",\n  \"fields\": [\n    {\"name\": \"id\" \"type\": \"string\"}\n  ]\n}\n";
        subject("orders-value", "topic: orders\n", order(""), broken);
        CheckReport report = new SchemaCheck(new SchemaCheck.Options(root, null, null, null)).validate();
        assertThat(report.passed(false)).isFalse();
        Finding parse = findings(report, "orders-value").get(0);
        assertThat(parse.file()).isEqualTo("subjects/orders-value/v2.avsc:5:19");
        assertThat(parse.message()).contains("line 5, column 19");
        assertThat(report.withFilePrefix("schemas/").allFindings().map(Finding::file))
                .containsExactly("schemas/subjects/orders-value/v2.avsc:5:19");
    }

    @Test
    void breakingChangeHintsPointToAReadmeSectionNotAFile() throws Exception {
        subject("orders-value", "topic: orders\n", order(""), order(",{\"name\":\"n\",\"type\":\"int\",\"doc\":\"N.\"}"));
        Finding compat = findings(check(), "orders-value").get(0);
        assertThat(compat.check()).isEqualTo("compatibility");
        assertThat(compat.hint()).contains("\"Declaring a breaking change\" in the avrogate README").doesNotContain("README.md");
    }
}
