package io.avrogate.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.KafkaExtension;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Data contracts beyond what the recorded Confluent cases show: rule sets, which Confluent's community server drops
 * and ours keeps (stored, returned, merged with the config's default and override, checked), and everything a
 * data contract consists of surviving a restart, i.e. being replayed from the store topic.
 */
@ExtendWith(KafkaExtension.class)
class DataContractsTest {
    private static final String V1 = "{\"type\":\"record\",\"name\":\"Click\",\"namespace\":\"dc\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
    private static final String V2 = "{\"type\":\"record\",\"name\":\"Click\",\"namespace\":\"dc\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}";
    private static final String V3 = "{\"type\":\"record\",\"name\":\"Click\",\"namespace\":\"dc\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
            + "{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}";

    private static Map<String, Object> config(EmbeddedKafka kafka, String topic) {
        return Map.of("listeners", "http://127.0.0.1:0", "kafkastore.bootstrap.servers", kafka.bootstrapServers(),
                "kafkastore.topic", topic);
    }

    private static ObjectNode body(String schema) {
        return TestHttp.JSON.createObjectNode().put("schema", schema);
    }

    private static JsonNode json(String text) throws Exception {
        return TestHttp.JSON.readTree(text);
    }

    private static ObjectNode rule(String name, String mode, String expr) {
        return TestHttp.JSON.createObjectNode().put("name", name).put("kind", "TRANSFORM").put("mode", mode)
                .put("type", "JSONATA").put("expr", expr);
    }

    @Test
    void ruleSetsAreStoredReturnedInheritedAndMergedWithTheConfigsDefaultAndOverride(EmbeddedKafka kafka) throws Exception {
        try (RegistryServer server = RegistryServer.start(config(kafka, "_schemas-rules-" + UUID.randomUUID()))) {
            TestHttp http = new TestHttp(server.url());
            ObjectNode defaults = TestHttp.JSON.createObjectNode();
            defaults.putObject("defaultRuleSet").putArray("domainRules").add(rule("checkA", "WRITE", "a > 0"));
            defaults.putObject("overrideRuleSet").putArray("migrationRules").add(rule("up", "UPGRADE", "$merge([$, {'a': $string(a)}])"));
            assertThat(http.send("PUT", "/config/rules", defaults.toString(), TestHttp.V1).status()).isEqualTo(200);

            ObjectNode first = body(V1);
            first.putObject("ruleSet").putArray("migrationRules")
                    .add(rule("up", "UPGRADE", "$"))        // replaced by the override's rule of the same name
                    .add(rule("down", "DOWNGRADE", "$"));
            TestHttp.Answer registered = http.post("/subjects/rules/versions", first.toString());
            assertThat(registered.status()).isEqualTo(200);
            JsonNode ruleSet = registered.json().get("ruleSet");
            assertThat(ruleSet.get("domainRules")).extracting(r -> r.get("name").asText()).containsExactly("checkA");
            assertThat(ruleSet.get("migrationRules")).extracting(r -> r.get("name").asText()).containsExactly("down", "up");
            assertThat(ruleSet.get("migrationRules").get(1).get("expr").asText()).startsWith("$merge");

            int id = registered.json().get("id").asInt();
            assertThat(http.get("/subjects/rules/versions/1").json().get("ruleSet")).isEqualTo(ruleSet);
            assertThat(http.get("/schemas/ids/" + id).json().get("ruleSet")).isEqualTo(ruleSet);

            // Sent again with the same rules: idempotent. Without rules: the latest version's are inherited.
            assertThat(http.post("/subjects/rules/versions", first.toString()).json().get("id").asInt()).isEqualTo(id);
            TestHttp.Answer inherited = http.post("/subjects/rules/versions", body(V3.replace("\"string\"", "\"int\"")).toString());
            assertThat(inherited.json().get("version").asInt()).isEqualTo(2);
            assertThat(inherited.json().get("ruleSet")).isEqualTo(ruleSet);

            // The same schema with other rules is another schema: a new version and id.
            ObjectNode otherRules = body(V1);
            otherRules.putObject("ruleSet").putArray("domainRules").add(rule("checkB", "READ", "a < 9"));
            TestHttp.Answer other = http.post("/subjects/rules/versions", otherRules.toString());
            assertThat(other.json().get("id").asInt()).isNotEqualTo(id);
            assertThat(other.json().get("ruleSet").get("domainRules")).extracting(r -> r.get("name").asText())
                    .containsExactly("checkA", "checkB");
        }
    }

    @Test
    void aRuleSetConfluentsRuleExtensionWouldRefuseIsRefused(EmbeddedKafka kafka) {
        try (RegistryServer server = RegistryServer.start(config(kafka, "_schemas-badrules-" + UUID.randomUUID()))) {
            TestHttp http = new TestHttp(server.url());
            ObjectNode badMode = body(V1);
            badMode.putObject("ruleSet").putArray("migrationRules").add(rule("up", "WRITE", "$"));
            ObjectNode badName = body(V1);
            badName.putObject("ruleSet").putArray("domainRules").add(rule("9lives", "READ", "true"));
            for (ObjectNode request : List.of(badMode, badName)) {
                TestHttp.Answer answer = http.post("/subjects/bad/versions", request.toString());
                assertThat(answer.status()).isEqualTo(422);
                assertThat(answer.errorCode()).isEqualTo(42210);
            }
            assertThat(http.get("/subjects/bad/versions").status()).isEqualTo(404);
        }
    }

    @Test
    void metadataRuleSetsConfigAndContextsSurviveARestart(EmbeddedKafka kafka) throws Exception {
        Map<String, Object> config = config(kafka, "_schemas-contracts-" + UUID.randomUUID());
        List<String> reads = List.of("/subjects/orders/versions/1", "/subjects/orders/versions/2", "/subjects/orders/versions/3",
                "/config/orders", "/subjects/orders/metadata?key=major_version&value=1", "/schemas?subjectPrefix=orders",
                "/contexts", "/subjects/:.tenant:orders/versions/1", "/schemas/ids/1?subject=:.tenant:",
                "/schemas/ids/1/subjects?subject=:.tenant:", "/subjects/orders/versions/1/referencedby",
                "/subjects?subjectPrefix=:.tenant:");
        List<JsonNode> before;
        int ordersV3Id;
        try (RegistryServer server = RegistryServer.start(config)) {
            TestHttp http = new TestHttp(server.url());
            assertThat(http.send("PUT", "/config/orders", "{\"compatibility\":\"BACKWARD\",\"compatibilityGroup\":\"major_version\","
                    + "\"defaultMetadata\":{\"properties\":{\"owner\":\"team-a\"}},\"overrideMetadata\":{\"properties\":{\"env\":\"prod\"}},"
                    + "\"defaultRuleSet\":{\"domainRules\":[{\"name\":\"positive\",\"kind\":\"CONDITION\",\"mode\":\"WRITE\",\"type\":\"CEL\",\"expr\":\"message.a > 0\"}]}}",
                    TestHttp.V1).status()).isEqualTo(200);
            ObjectNode v1 = body(V1);
            v1.putObject("metadata").putObject("properties").put("major_version", "1");
            assertThat(http.post("/subjects/orders/versions", v1.toString()).status()).isEqualTo(200);
            ObjectNode v2 = body(V2);
            v2.putObject("metadata").putObject("properties").put("major_version", "2");
            v2.putObject("ruleSet").putArray("migrationRules").add(rule("up", "UPGRADE", "$merge([$, {'a': $string(a)}])"));
            assertThat(http.post("/subjects/orders/versions", v2.toString()).status()).isEqualTo(200);
            TestHttp.Answer v3 = http.post("/subjects/orders/versions", body(V3).toString());
            assertThat(v3.json().get("metadata").get("properties").get("major_version").asText()).isEqualTo("2");
            ordersV3Id = v3.json().get("id").asInt();
            // A soft-deleted referrer: referencedby must stay empty after the restart too.
            String ref = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Ref\\\",\\\"namespace\\\":\\\"dc\\\","
                    + "\\\"fields\\\":[{\\\"name\\\":\\\"c\\\",\\\"type\\\":\\\"dc.Click\\\"}]}\","
                    + "\"references\":[{\"name\":\"dc.Click\",\"subject\":\"orders\",\"version\":1}]}";
            assertThat(http.post("/subjects/referrer/versions", ref).status()).isEqualTo(200);
            assertThat(http.send("DELETE", "/subjects/referrer", null, null).status()).isEqualTo(200);
            // A context: its ids start again at 1, independent of the default context's.
            assertThat(http.register(":.tenant:orders", V2).json().get("id").asInt()).isEqualTo(1);
            before = reads.stream().map(path -> http.get(path).json()).toList();
        }
        assertThat(before.get(4).get("version").asInt()).isEqualTo(1);
        assertThat(before.get(6)).hasToString("[\".\",\".tenant\"]");
        assertThat(before.get(10)).isEmpty();
        assertThat(before.get(11)).hasToString("[\":.tenant:orders\"]");

        try (RegistryServer restarted = RegistryServer.start(config)) {
            TestHttp http = new TestHttp(restarted.url());
            List<JsonNode> after = reads.stream().map(path -> http.get(path).json()).toList();
            for (int i = 0; i < reads.size(); i++) assertThat(after.get(i)).as(reads.get(i)).isEqualTo(before.get(i));
            // The replayed state still decides: same group and inherited metadata -> idempotent; the group still
            // confines compatibility; each context continues its own id sequence.
            assertThat(http.post("/subjects/orders/versions", body(V3).toString()).json().get("id").asInt()).isEqualTo(ordersV3Id);
            ObjectNode breaking = body(V1);
            breaking.putObject("metadata").putObject("properties").put("major_version", "2");
            assertThat(http.post("/subjects/orders/versions", breaking.toString()).status()).isEqualTo(409);
            assertThat(http.register(":.tenant:other", V1).json().get("id").asInt()).isEqualTo(2);
            assertThat(http.get("/subjects?subjectPrefix=:*:").json()).extracting(JsonNode::asText)
                    .containsExactly(":.tenant:orders", ":.tenant:other", "orders");
        }
    }
}
