package io.avrogate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every case of the shared compatibility corpus (verdicts recorded from Confluent Schema Registry 7.9.2):
 * for every level the verdict must match, and the messages must be Confluent's, word for word.
 */
class CompatibilityConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CompatibilityChecker checker = new CompatibilityChecker();

    static List<JsonNode> cases() throws IOException {
        List<JsonNode> cases = new ArrayList<>();
        try (InputStream in = CompatibilityConformanceTest.class.getResourceAsStream("/conformance/compat/cases.jsonl");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) cases.add(JSON.readTree(line));
            }
        }
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> everyCaseGivesConfluentsVerdictAtEveryLevel() throws IOException {
        List<JsonNode> cases = cases();
        assertThat(cases).hasSize(276);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> replay(c)));
    }

    private void replay(JsonNode c) {
        String candidateText = c.get("candidate").asText();
        if (c.path("invalid").asBoolean(false)) {
            assertThatThrownBy(() -> AvroSchemas.parseCandidate(candidateText))
                    .isInstanceOf(InvalidSchemaException.class)
                    .hasMessageNotContaining("UnsupportedOperation");
            boolean lenientParses;
            try {
                AvroSchemas.parse(candidateText, List.of(), false);
                lenientParses = true;
            } catch (InvalidSchemaException e) {
                lenientParses = false;
            }
            assertThat(lenientParses).as("parses without default validation")
                    .isEqualTo(c.path("accepted_without_default_validation").asBoolean(false));
            return;
        }
        List<VersionedSchema> history = new ArrayList<>();
        int version = 1;
        for (JsonNode text : c.get("history")) {
            history.add(new VersionedSchema(version++, AvroSchemas.parseStored(text.asText())));
        }
        Schema candidate = AvroSchemas.parseCandidate(candidateText);
        c.get("expected").fields().forEachRemaining(entry -> {
            CompatibilityLevel level = CompatibilityLevel.valueOf(entry.getKey());
            CompatibilityResult result = checker.check(candidate, history, level);
            assertThat(result.compatible()).as("verdict at %s", level).isEqualTo(entry.getValue().asBoolean());
            List<String> expected = new ArrayList<>();
            c.get("messages").get(entry.getKey()).forEach(m -> expected.add(m.asText()));
            assertThat(result.messages()).as("messages at %s", level).isEqualTo(expected);
        });
    }
}
