package io.avrogate.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.registry.RegistryExtension;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every method of the HTTP client against our real registry, including the error codes callers rely on. */
@ExtendWith(RegistryExtension.class)
class RestSchemaRegistryClientTest {
    static final SchemaContent V1 = SchemaContent.avro(
            "{\"type\":\"record\",\"name\":\"Click\",\"namespace\":\"t\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}");
    static final SchemaContent V2 = SchemaContent.avro(
            "{\"type\":\"record\",\"name\":\"Click\",\"namespace\":\"t\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
                    + "{\"name\":\"n\",\"type\":\"int\",\"default\":0}]}");
    /** Adds a field without a default: not BACKWARD compatible with V1/V2. */
    static final SchemaContent BREAKING = SchemaContent.avro(
            "{\"type\":\"record\",\"name\":\"Click\",\"namespace\":\"t\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
                    + "{\"name\":\"campaign\",\"type\":\"string\"}]}");

    private SchemaRegistryClient client;
    private String subject;

    @BeforeEach
    void setUp(RegistryServer registry) {
        client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()));
        subject = "rest-" + UUID.randomUUID() + "-value";
    }

    @Test
    void createsTheHttpClientForHttpUrls() {
        assertThat(client).isInstanceOf(RestSchemaRegistryClient.class);
    }

    @Test
    void registersLooksUpAndReadsVersions() {
        int id1 = client.register(subject, V1, false);
        int id2 = client.register(subject, V2, false);
        assertThat(id2).isNotEqualTo(id1);
        assertThat(client.register(subject, V1, false)).as("idempotent").isEqualTo(id1);

        assertThat(client.schemaById(id1)).isEqualTo(V1);
        assertThat(client.lookup(subject, V1, false)).isEqualTo(new SubjectVersion(subject, 1, id1, V1));
        assertThat(client.versions(subject)).containsExactly(1, 2);
        assertThat(client.version(subject, "1")).isEqualTo(new SubjectVersion(subject, 1, id1, V1));
        assertThat(client.version(subject, "latest").version()).isEqualTo(2);
        assertThat(client.version(subject, "-1").id()).isEqualTo(id2);
        assertThat(client.latest(subject)).isEqualTo(new SubjectVersion(subject, 2, id2, V2));
        assertThat(client.subjects()).contains(subject);
        // The registry is shared by every test class: other subjects may hold the same schema, hence the filter.
        assertThat(client.versionsOfId(id2)).filteredOn(r -> r.subject().equals(subject))
                .containsExactly(new SchemaRegistryClient.SubjectVersionRef(subject, 2));
        assertThat(client.schemaTypes()).contains("AVRO");
    }

    @Test
    void theSameSchemaInAnotherSubjectGetsTheSameId() {
        int id = client.register(subject, V1, false);
        String other = subject + "-copy";
        assertThat(client.register(other, V1, false)).isEqualTo(id);
        assertThat(client.versionsOfId(id)).extracting(SchemaRegistryClient.SubjectVersionRef::subject)
                .filteredOn(s -> s.startsWith(subject)).containsExactlyInAnyOrder(subject, other);
    }

    @Test
    void normalizeFindsASchemaWrittenDifferently() {
        int id = client.register(subject, V1, false);
        SchemaContent reordered = SchemaContent.avro(
                "{\"name\":\"Click\",\"type\":\"record\",\"namespace\":\"t\",\"fields\":[{\"type\":\"string\",\"name\":\"id\"}]}");
        assertThat(client.lookup(subject, reordered, true).id()).isEqualTo(id);
    }

    @Test
    void subjectNamesAreUrlEncoded() {
        String odd = "odd subject ü?&#=%+ " + UUID.randomUUID();
        int id = client.register(odd, V1, false);
        assertThat(client.subjects()).contains(odd);
        assertThat(client.latest(odd).id()).isEqualTo(id);
        assertThat(client.lookup(odd, V1, false).subject()).isEqualTo(odd);
    }

    @Test
    void referencesTravelBothWays() {
        String refSubject = subject + "-ref";
        SchemaContent address = SchemaContent.avro(
                "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"t\",\"fields\":[{\"name\":\"city\",\"type\":\"string\"}]}");
        int addressId = client.register(refSubject, address, false);
        SchemaContent user = SchemaContent.avro(
                "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"t\",\"fields\":[{\"name\":\"home\",\"type\":\"t.Address\"}]}",
                List.of(new SchemaReference("t.Address", refSubject, 1)));
        int userId = client.register(subject, user, false);
        assertThat(userId).isNotEqualTo(addressId);
        assertThat(client.schemaById(userId).references()).containsExactly(new SchemaReference("t.Address", refSubject, 1));
        assertThat(client.referencedBy(refSubject, 1)).containsExactly(userId);
        assertThat(code(() -> client.deleteVersion(refSubject, "1", false))).isEqualTo(42206);
    }

    @Test
    void compatibilityChecksAnswerWithTheRegistrysMessages() {
        client.register(subject, V1, false);
        assertThat(client.checkCompatibility(subject, V2, true)).isEqualTo(new CompatibilityVerdict(true, List.of()));
        CompatibilityVerdict broken = client.checkCompatibility(subject, BREAKING, true);
        assertThat(broken.compatible()).isFalse();
        assertThat(String.join("\n", broken.messages())).contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("campaign");
        assertThat(client.checkCompatibility(subject, BREAKING, false)).isEqualTo(new CompatibilityVerdict(false, List.of()));
        assertThat(client.checkCompatibility(subject, "1", BREAKING, true).compatible()).isFalse();
        assertThat(client.checkCompatibility(subject + "-new", BREAKING, true).compatible()).as("unknown subject").isTrue();
        assertThat(code(() -> client.checkCompatibility(subject, "5", V2, true))).isEqualTo(40402);
    }

    @Test
    void anIncompatibleRegistrationIs409WithTheDetails() {
        client.register(subject, V1, false);
        assertThatThrownBy(() -> client.register(subject, BREAKING, false))
                .isInstanceOfSatisfying(RegistryClientException.class, e -> {
                    assertThat(e.isIncompatible()).isTrue();
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("incompatible").contains("campaign");
                });
    }

    @Test
    void errorsCarryConfluentStatusAndCode() {
        client.register(subject, V1, false);
        assertThat(error(() -> client.lookup("nobody-" + UUID.randomUUID(), V1, false))).satisfies(e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.errorCode()).isEqualTo(40401);
            assertThat(e.isNotFound()).isTrue();
        });
        assertThat(code(() -> client.lookup(subject, V2, false))).isEqualTo(40403);
        assertThat(code(() -> client.schemaById(Integer.MAX_VALUE))).isEqualTo(40403);
        assertThat(code(() -> client.versions("nobody-" + UUID.randomUUID()))).isEqualTo(40401);
        assertThat(code(() -> client.version(subject, "9"))).isEqualTo(40402);
        assertThat(code(() -> client.version(subject, "0"))).isEqualTo(42202);
        assertThat(code(() -> client.register(subject, SchemaContent.avro("{\"type\":\"nonsense\"}"), false))).isEqualTo(42201);
        assertThat(code(() -> client.setCompatibilityLevel(subject, "SIDEWAYS"))).isEqualTo(42203);
        assertThat(code(() -> client.setMode(subject, "BOGUS", false))).isEqualTo(42204);
    }

    @Test
    void deletesSoftThenPermanent() {
        client.register(subject, V1, false);
        client.register(subject, V2, false);
        assertThat(code(() -> client.deleteVersion(subject, "2", true))).isEqualTo(40407);
        assertThat(client.deleteVersion(subject, "2", false)).isEqualTo(2);
        assertThat(client.latest(subject).version()).isEqualTo(1);
        assertThat(client.deleteVersion(subject, "2", true)).isEqualTo(2);
        assertThat(client.deleteSubject(subject, false)).containsExactly(1);
        assertThat(code(() -> client.deleteSubject(subject, false))).isEqualTo(40404);
        assertThat(client.deleteSubject(subject, true)).containsExactly(1);
        assertThat(code(() -> client.versions(subject))).isEqualTo(40401);
    }

    @Test
    void configAndModeGlobalAndPerSubject() {
        client.register(subject, V1, false);
        String global = client.compatibilityLevel(null);
        assertThat(client.compatibilityLevel(subject)).as("falls back to global").isEqualTo(global);
        assertThat(client.subjectCompatibilityLevel(subject)).as("nothing set on the subject itself").isNull();
        client.setCompatibilityLevel(subject, "FULL_TRANSITIVE");
        assertThat(client.compatibilityLevel(subject)).isEqualTo("FULL_TRANSITIVE");
        assertThat(client.subjectCompatibilityLevel(subject)).isEqualTo("FULL_TRANSITIVE");
        client.deleteCompatibilityLevel(subject);
        assertThat(client.compatibilityLevel(subject)).isEqualTo(global);
        assertThat(client.subjectCompatibilityLevel(subject)).isNull();

        assertThat(client.mode(subject)).isEqualTo("READWRITE");
        client.setMode(subject, "READONLY", false);
        assertThat(client.mode(subject)).isEqualTo("READONLY");
        assertThat(code(() -> client.register(subject, V2, false))).isEqualTo(42205);
        client.setMode(subject, "READWRITE", false);
        assertThat(client.register(subject, V2, false)).isPositive();
        assertThat(client.mode(null)).isEqualTo("READWRITE");
    }

    static RegistryClientException error(Runnable call) {
        try {
            call.run();
        } catch (RegistryClientException e) {
            return e;
        }
        throw new AssertionError("expected a RegistryClientException");
    }

    static int code(Runnable call) {
        return error(call).errorCode();
    }
}
