package io.avrogate.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryClientTest {
    private static final SchemaContent V1 = SchemaContent.avro(
            "{\"type\":\"record\",\"name\":\"Click\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}");
    private static final SchemaContent V2 = SchemaContent.avro(
            "{\"type\":\"record\",\"name\":\"Click\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
                    + "{\"name\":\"n\",\"type\":\"int\",\"default\":0}]}");
    private static final SchemaContent V3 = SchemaContent.avro("\"string\"");

    private String scope;
    private SchemaRegistryClient client;

    @BeforeEach
    void freshScope() {
        scope = "test-" + UUID.randomUUID();
        client = SchemaRegistryClients.create(Map.of("schema.registry.url", "mock://" + scope));
    }

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistryClient.dropScope(scope);
    }

    @Test
    void mockUrlSelectsTheInJvmRegistryAndIgnoresUnknownKeys() {
        SchemaRegistryClient c = SchemaRegistryClients.create(Map.of("schema.registry.url", "mock://" + scope,
                "auto.register.schemas", "false", "value.subject.name.strategy", "whatever"));
        assertThat(c).isInstanceOf(InMemorySchemaRegistryClient.class);
        assertThat(((InMemorySchemaRegistryClient) c).scope()).isEqualTo(scope);
    }

    @Test
    void aSchemaIsFoundWhateverItsLayoutAndKeyOrderAsByARealRegistry() {
        // The pretty-printed .avsc file CI registers, and the compact text of a generated class with keys in Avro's order.
        String avsc = "{\n  \"type\": \"record\",\n  \"name\": \"Order\",\n  \"fields\": [\n"
                + "    {\"type\": \"string\", \"name\": \"id\"}\n  ]\n}\n";
        String compact = "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
        int id = client.register("orders-value", SchemaContent.avro(avsc), false);

        assertThat(client.lookup("orders-value", SchemaContent.avro(compact), false).id()).isEqualTo(id);
        assertThat(client.register("orders-value", SchemaContent.avro(compact), false)).isEqualTo(id);
        assertThat(client.versions("orders-value")).containsExactly(1);
        assertThat(client.register("other-value", SchemaContent.avro(compact), false)).as("one id per schema").isEqualTo(id);
        assertThat(client.schemaById(id).schema()).as("stored as given").isEqualTo(avsc);
        assertThatThrownBy(() -> client.lookup("orders-value",
                SchemaContent.avro(compact.replace("string", "long")), false)).hasMessageContaining("40403");
    }

    @Test
    void clientsOfOneScopeShareARegistryAndOtherScopesDoNot() {
        int id = client.register("a-value", V1, false);
        SchemaRegistryClient same = SchemaRegistryClients.create(Map.of("schema.registry.url", "mock://" + scope));
        assertThat(same.schemaById(id)).isEqualTo(V1);
        assertThat(same.latest("a-value").id()).isEqualTo(id);

        String other = scope + "-other";
        try {
            SchemaRegistryClient elsewhere = InMemorySchemaRegistryClient.forScope(other);
            assertThat(elsewhere.subjects()).isEmpty();
            assertThat(elsewhere.register("b-value", V2, false)).as("a fresh scope starts ids at 1").isEqualTo(1);
        } finally {
            InMemorySchemaRegistryClient.dropScope(other);
        }
    }

    @Test
    void droppingAScopeStartsItAfresh() {
        client.register("a-value", V1, false);
        client.register("a-value", V2, false);
        InMemorySchemaRegistryClient.dropScope(scope);
        SchemaRegistryClient fresh = InMemorySchemaRegistryClient.forScope(scope);
        assertThat(fresh.subjects()).isEmpty();
        assertThat(fresh.register("a-value", V2, false)).isEqualTo(1);
    }

    @Test
    void idsAreGlobalAndTheSameContentGetsTheSameIdInAnySubject() {
        int a = client.register("a-value", V1, false);
        int b = client.register("b-value", V2, false);
        int c = client.register("c-value", V1, false);
        assertThat(a).isEqualTo(1);
        assertThat(b).isEqualTo(2);
        assertThat(c).isEqualTo(a);
        assertThat(client.version("c-value", "1").id()).isEqualTo(a);
        assertThat(client.versionsOfId(a)).containsExactly(
                new SchemaRegistryClient.SubjectVersionRef("a-value", 1), new SchemaRegistryClient.SubjectVersionRef("c-value", 1));
    }

    @Test
    void referencesArePartOfTheContent() {
        client.register("ref-value", V3, false);
        SchemaContent withRef = SchemaContent.avro(V1.schema(), List.of(new SchemaReference("Thing", "ref-value", 1)));
        int plain = client.register("x-value", V1, false);
        int referring = client.register("y-value", withRef, false);
        assertThat(referring).isNotEqualTo(plain);
        assertThat(client.schemaById(referring).references()).containsExactly(new SchemaReference("Thing", "ref-value", 1));
        assertThat(client.referencedBy("ref-value", 1)).containsExactly(referring);
    }

    @Test
    void registrationIsIdempotentEvenForAnOlderVersion() {
        int id1 = client.register("s-value", V1, false);
        int id2 = client.register("s-value", V2, false);
        assertThat(client.register("s-value", V1, false)).isEqualTo(id1);
        assertThat(client.register("s-value", V2, false)).isEqualTo(id2);
        assertThat(client.versions("s-value")).containsExactly(1, 2);
        assertThat(client.latest("s-value")).isEqualTo(new SubjectVersion("s-value", 2, id2, V2));
    }

    @Test
    void versionsAreMaxPlusOneCountingSoftDeletedOnes() {
        client.register("s-value", V1, false);
        client.register("s-value", V2, false);
        assertThat(client.deleteVersion("s-value", "2", false)).isEqualTo(2);
        assertThat(client.versions("s-value")).containsExactly(1);
        assertThat(client.latest("s-value").version()).isEqualTo(1);
        int id3 = client.register("s-value", V3, false);
        assertThat(client.versions("s-value")).containsExactly(1, 3);
        assertThat(client.version("s-value", "-1")).isEqualTo(new SubjectVersion("s-value", 3, id3, V3));
    }

    @Test
    void aSoftDeletedSchemaKeepsItsIdWhenRegisteredAgain() {
        int id = client.register("s-value", V1, false);
        client.deleteSubject("s-value", false);
        assertThat(client.subjects()).doesNotContain("s-value");
        assertThat(client.schemaById(id)).isEqualTo(V1);
        assertThat(client.register("s-value", V1, false)).isEqualTo(id);
        assertThat(client.version("s-value", "latest").version()).isEqualTo(2);
    }

    @Test
    void lookupFindsAnyLiveVersionAndAnswers40401Or40403() {
        int id1 = client.register("s-value", V1, false);
        client.register("s-value", V2, false);
        assertThat(client.lookup("s-value", V1, false)).isEqualTo(new SubjectVersion("s-value", 1, id1, V1));
        assertThatThrownBy(() -> client.lookup("s-value", V3, false))
                .isInstanceOfSatisfying(RegistryClientException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
        assertThatThrownBy(() -> client.lookup("nobody-value", V1, false))
                .isInstanceOfSatisfying(RegistryClientException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40401);
                });
    }

    @Test
    void readsOfMissingThingsGiveConfluentErrorCodes() {
        client.register("s-value", V1, false);
        assertThat(code(() -> client.schemaById(999))).isEqualTo(40403);
        assertThat(code(() -> client.versions("nobody"))).isEqualTo(40401);
        assertThat(code(() -> client.latest("nobody"))).isEqualTo(40401);
        assertThat(code(() -> client.version("s-value", "7"))).isEqualTo(40402);
        assertThat(code(() -> client.version("s-value", "0"))).isEqualTo(42202);
        assertThat(code(() -> client.version("s-value", "abc"))).isEqualTo(42202);
        assertThat(code(() -> client.register(" ", V1, false))).isEqualTo(42208);
        assertThat(code(() -> client.register("s-value", SchemaContent.avro(""), false))).isEqualTo(42201);
        assertThat(code(() -> client.register("s-value",
                SchemaContent.avro(V1.schema(), List.of(new SchemaReference("X", "missing", 1))), false))).isEqualTo(42201);
    }

    @Test
    void deletesFollowSoftBeforePermanentRules() {
        int id = client.register("s-value", V1, false);
        assertThat(code(() -> client.deleteSubject("s-value", true))).isEqualTo(40405);
        assertThat(client.deleteSubject("s-value", false)).containsExactly(1);
        assertThat(code(() -> client.deleteSubject("s-value", false))).isEqualTo(40404);
        assertThat(code(() -> client.lookup("s-value", V1, false))).isEqualTo(40401);
        assertThat(client.deleteSubject("s-value", true)).containsExactly(1);
        assertThat(code(() -> client.schemaById(id))).as("no version holds the id any more").isEqualTo(40403);
        assertThat(client.register("s-value", V1, false)).as("versions restart at 1").isNotEqualTo(id);
        assertThat(client.versions("s-value")).containsExactly(1);

        client.register("s-value", V2, false);
        assertThat(code(() -> client.deleteVersion("s-value", "2", true))).isEqualTo(40407);
        client.deleteVersion("s-value", "2", false);
        assertThat(code(() -> client.deleteVersion("s-value", "2", false))).isEqualTo(40406);
        assertThat(client.deleteVersion("s-value", "2", true)).isEqualTo(2);
    }

    @Test
    void aReferencedVersionCannotBeDeleted() {
        client.register("ref-value", V3, false);
        client.register("user-value", SchemaContent.avro(V1.schema(), List.of(new SchemaReference("T", "ref-value", 1))), false);
        assertThat(code(() -> client.deleteVersion("ref-value", "1", false))).isEqualTo(42206);
        assertThat(code(() -> client.deleteSubject("ref-value", false))).isEqualTo(42206);
    }

    @Test
    void compatibilityIsNotEnforcedInMockScopesButInputIsValidated() {
        client.register("s-value", V1, false);
        assertThat(client.register("s-value", V3, false)).as("an incompatible change is accepted: documented limitation")
                .isPositive();
        assertThat(client.checkCompatibility("s-value", V2, true).compatible()).isTrue();
        assertThat(client.checkCompatibility("s-value", "latest", V2, true).compatible()).isTrue();
        assertThat(code(() -> client.checkCompatibility("s-value", "9", V2, true))).isEqualTo(40402);
    }

    @Test
    void configIsKeptPerSubjectWithGlobalFallback() {
        assertThat(client.compatibilityLevel(null)).isEqualTo("BACKWARD");
        client.setCompatibilityLevel(null, "full");
        client.setCompatibilityLevel("s-value", "NONE");
        assertThat(client.compatibilityLevel("s-value")).isEqualTo("NONE");
        assertThat(client.subjectCompatibilityLevel("s-value")).isEqualTo("NONE");
        assertThat(client.compatibilityLevel("t-value")).isEqualTo("FULL");
        assertThat(client.subjectCompatibilityLevel("t-value")).isNull();
        client.deleteCompatibilityLevel("s-value");
        assertThat(client.compatibilityLevel("s-value")).isEqualTo("FULL");
        assertThat(code(() -> client.deleteCompatibilityLevel("s-value"))).isEqualTo(40401);
        assertThat(code(() -> client.setCompatibilityLevel("s-value", "SIDEWAYS"))).isEqualTo(42203);
    }

    @Test
    void readOnlyModeRefusesWrites() {
        client.register("s-value", V1, false);
        assertThat(client.mode(null)).isEqualTo("READWRITE");
        client.setMode("s-value", "readonly", false);
        assertThat(client.mode("s-value")).isEqualTo("READONLY");
        assertThat(code(() -> client.register("s-value", V2, false))).isEqualTo(42205);
        assertThat(code(() -> client.deleteSubject("s-value", false))).isEqualTo(42205);
        assertThat(client.register("other-value", V2, false)).as("other subjects stay writable").isPositive();
        assertThat(code(() -> client.setMode(null, "IMPORT", false))).isEqualTo(42205);
        assertThat(code(() -> client.setMode(null, "BOGUS", false))).isEqualTo(42204);
    }

    @Test
    void oneMockUrlMustBeAlone() {
        assertThatThrownBy(() -> SchemaRegistryClients.create(Map.of("schema.registry.url",
                "mock://" + scope + ",http://localhost:8081")))
                .isInstanceOf(org.apache.kafka.common.config.ConfigException.class)
                .hasMessageContaining("mock://");
    }

    private static int code(Runnable call) {
        try {
            call.run();
        } catch (RegistryClientException e) {
            return e.errorCode();
        }
        throw new AssertionError("expected a RegistryClientException");
    }
}
