package io.avrogate.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What replaying store records does to the state, record by record, without a broker: the reader hands
 * {@link RegistryState#apply} exactly these parsed keys and values.
 */
class RegistryStateTest {
    private static final String SCHEMA = "\"string\"";

    private final RegistryState state = new RegistryState();

    private void apply(StoreRecords.Record record) {
        state.apply(StoreRecords.parse(record.key()), StoreRecords.parse(record.value()));
    }

    private void apply(String key, String value) {
        state.apply(json(key), json(value));
    }

    private static JsonNode json(String text) {
        return text == null ? null : StoreRecords.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static StoredVersion version(String subject, int version, int id) {
        return new StoredVersion(subject, version, id, null, List.of(), null, SCHEMA, false);
    }

    @Test
    void recordsOfKeyTypesItDoesNotKnowAreSkippedAndLaterRecordsStillApply() {
        apply(StoreRecords.schema(version("a", 1, 1)));
        apply("{\"keytype\":\"SOMETHING_NEWER\",\"subject\":\"a\",\"magic\":0}", "{\"mode\":\"READONLY\"}");
        apply("{\"subject\":\"a\",\"version\":1,\"magic\":1}", null); // no keytype at all: not a SCHEMA tombstone
        apply("{\"keytype\":\"CLEAR_SUBJECT\",\"subject\":\"a\",\"magic\":0}", "{\"subject\":\"a\"}");
        apply("{\"keytype\":\"CONTEXT\",\"tenant\":\"default\",\"context\":\".x\",\"magic\":0}", "{}");
        apply(StoreRecords.schema(version("b", 1, 2)));

        assertThat(state.subjectNames()).containsExactly("a", "b");
        assertThat(state.versions("a")).containsOnlyKeys(1);
        assertThat(state.mode("a")).isEmpty();
        assertThat(state.maxId()).isEqualTo(2);
    }

    @Test
    void modesAreReadByNameAndAForeignModeValueActsAsReadWrite() {
        apply(StoreRecords.mode(null, Mode.READONLY_OVERRIDE));
        apply(StoreRecords.mode("a", Mode.IMPORT));
        apply("{\"keytype\":\"MODE\",\"subject\":\"b\",\"magic\":0}", "{\"mode\":\"READONLY_FOREVER\"}");

        assertThat(state.mode(null)).contains(Mode.READONLY_OVERRIDE);
        assertThat(state.mode("a")).contains(Mode.IMPORT);
        assertThat(state.mode("b")).contains(Mode.READWRITE);

        apply(StoreRecords.mode("a", null));
        assertThat(state.mode("a")).isEmpty();
        assertThat(state.mode(null)).contains(Mode.READONLY_OVERRIDE);
    }

    @Test
    void anIdKnowsEveryVersionHoldingItEvenWhenASubjectNameContainsANul() {
        String odd = "x\u00001";
        apply(StoreRecords.schema(version(odd, 2, 7)));
        apply(StoreRecords.schema(version("x", 1, 7)));

        assertThat(state.usersOf(7)).extracting(StoredVersion::subjectVersion)
                .containsExactly(new SubjectVersion(odd, 2), new SubjectVersion("x", 1));

        apply(StoreRecords.schemaTombstone(new SubjectVersion(odd, 2)));
        assertThat(state.usersOf(7)).extracting(StoredVersion::subjectVersion).containsExactly(new SubjectVersion("x", 1));
        apply(StoreRecords.schemaTombstone(new SubjectVersion("x", 1)));
        assertThat(state.usersOf(7)).isEmpty();
        assertThat(state.byId(7)).isEmpty();
        assertThat(state.maxId()).isEqualTo(7);
    }

    @Test
    void recordsWrittenBeforeDataContractsStillReadAndEachContextKeepsItsOwnIds() {
        // Exactly what the previous version wrote: no ruleSet, a watermark without a context.
        apply("{\"keytype\":\"SCHEMA\",\"subject\":\"a\",\"version\":1,\"magic\":1}",
                "{\"subject\":\"a\",\"version\":1,\"id\":3,\"metadata\":{\"properties\":{\"confluent:version\":\"1\"}},"
                        + "\"schema\":\"\\\"string\\\"\",\"deleted\":false}");
        apply("{\"keytype\":\"ID_WATERMARK\",\"magic\":0}", "{\"maxId\":9}");
        assertThat(state.byId(3)).hasValueSatisfying(v -> {
            assertThat(v.ruleSet()).isNull();
            assertThat(DataContracts.property(v.metadata(), "confluent:version")).isEqualTo("1");
        });
        assertThat(state.maxId()).isEqualTo(9);

        apply(StoreRecords.schema(version(":.ctx:a", 1, 1)));
        apply(StoreRecords.idWatermark(".ctx", 4));
        assertThat(state.maxId()).isEqualTo(9);
        assertThat(state.maxId(".ctx")).isEqualTo(4);
        assertThat(state.byId(1)).isEmpty();
        assertThat(state.byId(".ctx", 1)).map(StoredVersion::subject).contains(":.ctx:a");
        assertThat(state.contexts()).containsExactly(".", ".ctx");
    }

    @Test
    void aSoftDeletedReferrerNoLongerCountsAndATombstoneOfItChangesNothingFurther() {
        apply(StoreRecords.schema(version("target", 1, 1)));
        StoredVersion referrer = new StoredVersion("referrer", 1, 2, null, List.of(new SchemaReference("T", "target", 1)),
                null, SCHEMA, false);
        apply(StoreRecords.schema(referrer));
        assertThat(state.referrers("target", 1)).containsExactly(2);
        apply(StoreRecords.schema(referrer.withDeleted(true)));
        assertThat(state.referrers("target", 1)).isEmpty();
        apply(StoreRecords.schemaTombstone(referrer.subjectVersion()));
        assertThat(state.referrers("target", 1)).isEmpty();
    }
}
