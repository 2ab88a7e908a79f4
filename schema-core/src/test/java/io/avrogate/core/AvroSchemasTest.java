package io.avrogate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class AvroSchemasTest {

    @Test
    void compactFormIsWhatConfluentStores() {
        assertThat(AvroSchemas.compactForm(AvroSchemas.parseCandidate("{\"type\": \"string\"}"))).isEqualTo("\"string\"");
        String spaced = "{ \"fields\": [ {\"type\": \"int\", \"name\": \"a\"} ], \"name\": \"Rec\", \"type\": \"record\","
                + " \"namespace\": \"ns\" }";
        assertThat(AvroSchemas.compactForm(AvroSchemas.parseCandidate(spaced)))
                .isEqualTo("{\"type\":\"record\",\"name\":\"Rec\",\"namespace\":\"ns\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
    }

    @Test
    void referencedTypesResolveWhenParsedFirst() {
        String geo = "{\"type\":\"record\",\"name\":\"Geo\",\"namespace\":\"shared\",\"fields\":[{\"name\":\"lat\",\"type\":\"double\"}]}";
        String click = "{\"type\":\"record\",\"name\":\"Click\",\"fields\":[{\"name\":\"geo\",\"type\":\"shared.Geo\"}]}";
        Schema parsed = AvroSchemas.parse(click, List.of(geo), true);
        assertThat(parsed.getField("geo").schema().getFullName()).isEqualTo("shared.Geo");
        assertThatThrownBy(() -> AvroSchemas.parseCandidate(click))
                .isInstanceOf(InvalidSchemaException.class).hasMessageContaining("shared.Geo");
    }

    @Test
    void badTextsGetClearErrorsNotCrashes() {
        assertThatThrownBy(() -> AvroSchemas.parseCandidate("")).hasMessage("Empty schema");
        assertThatThrownBy(() -> AvroSchemas.parseCandidate("{not json")).isInstanceOf(InvalidSchemaException.class);
        assertThatThrownBy(() -> AvroSchemas.parseCandidate("\"nope\""))
                .isInstanceOf(InvalidSchemaException.class).hasMessageContaining("nope");
    }

    @Test
    void absurdNestingIsRefusedBeforeTheRecursiveParserRuns() {
        String deep = "{\"type\":\"array\",\"items\":".repeat(5000) + "\"int\"" + "}".repeat(5000);
        assertThatThrownBy(() -> AvroSchemas.parseCandidate(deep))
                .isInstanceOf(InvalidSchemaException.class).hasMessageContaining("nested");
        String fine = "{\"type\":\"array\",\"items\":".repeat(50) + "\"int\"" + "}".repeat(50);
        assertThat(AvroSchemas.parseCandidate(fine).getType()).isEqualTo(Schema.Type.ARRAY);
    }

    @Test
    void unionDefaultsMustMatchTheFirstBranchAsInAvro111() {
        String secondBranch = "{\"type\":\"record\",\"name\":\"U\",\"fields\":[{\"name\":\"e\",\"type\":[\"null\",\"string\"],\"default\":\"x\"}]}";
        assertThatThrownBy(() -> AvroSchemas.parseCandidate(secondBranch))
                .isInstanceOf(InvalidSchemaException.class).hasMessageContaining("Invalid default for field e");
        // Stored versions are not re-validated, exactly like the registry.
        assertThat(AvroSchemas.parseStored(secondBranch).getField("e").hasDefaultValue()).isTrue();
    }
}
