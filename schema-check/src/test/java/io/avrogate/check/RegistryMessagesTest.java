package io.avrogate.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryMessagesTest {
    private static final List<String> VERBOSE = List.of(
            "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'budget' at path '/fields/3' in the new"
                    + " schema has no default value and is missing in the old schema', additionalInfo:'budget'}",
            "{oldSchemaVersion: 2}",
            "{oldSchema: '{\"type\":\"record\",\"name\":\"Click\",\"fields\":[]}'}",
            "{validateFields: 'false', compatibility: 'BACKWARD_TRANSITIVE'}");

    @Test
    void keepsTheDescriptionTypeAndVersionAndDropsTheOldSchemaText() {
        assertThat(RegistryMessages.readable(VERBOSE)).containsExactly("The field 'budget' at path '/fields/3' in the new"
                + " schema has no default value and is missing in the old schema [READER_FIELD_MISSING_DEFAULT_VALUE]"
                + " (registered version 2)");
        assertThat(RegistryMessages.level(VERBOSE)).contains("BACKWARD_TRANSITIVE");
    }

    @Test
    void readsThe409MessageOnOneLine() {
        String message = "Schema being registered is incompatible with an earlier schema for subject \"s\", details: ["
                + String.join(", ", VERBOSE) + "]; error code: 409";
        assertThat(RegistryMessages.readable(message)).startsWith("The field 'budget'").doesNotContain("oldSchema")
                .doesNotContain("\n");
    }

    @Test
    void keepsUnstructuredMessagesSuchAsParseErrors() {
        List<String> parseError = List.of("Invalid schema: undefined name: com.acme.Nope");
        assertThat(RegistryMessages.readable(parseError)).containsExactly("Invalid schema: undefined name: com.acme.Nope");
        assertThat(RegistryMessages.readable("Subject 's' not found.")).isEqualTo("Subject 's' not found.");
    }
}
