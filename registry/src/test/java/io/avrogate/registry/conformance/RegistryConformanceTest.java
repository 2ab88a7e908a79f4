package io.avrogate.registry.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.KafkaExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replays every request/response case recorded from Confluent Schema Registry 7.9.2 against our server, on a real
 * HTTP port, backed by a real Kafka broker, with the corpus's rules (see the corpus README): placeholders, ids as a
 * consistent bijection, exact structure, loose messages, unordered arrays, and global config and mode restored
 * after each case.
 */
@ExtendWith(KafkaExtension.class)
class RegistryConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT_CT = "application/vnd.schemaregistry.v1+json";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static RegistryServer server;

    @BeforeAll
    static void startRegistry(EmbeddedKafka kafka) {
        server = RegistryServer.start(Map.of(
                "listeners", "http://127.0.0.1:0",
                "kafkastore.bootstrap.servers", kafka.bootstrapServers(),
                "kafkastore.topic", "_schemas-conformance-" + UUID.randomUUID()));
    }

    @AfterAll
    static void stopRegistry() {
        if (server != null) server.close();
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedCase() throws Exception {
        return replayFolder("cases", 157, 0);
    }

    /** Data contracts: metadata, compatibility groups, listings, format=resolved, contexts, referencedby. */
    @TestFactory
    Stream<DynamicTest> everyRecordedDataContractCase() throws Exception {
        return replayFolder("cases-contracts", 34, 1000);
    }

    /**
     * One folder of the corpus, mirrored under {@code src/test/resources/conformance/registry/}. Case numbers start
     * at {@code firstIndex + 1}, so that the subjects of two folders never coincide.
     */
    private Stream<DynamicTest> replayFolder(String folder, int atLeast, int firstIndex) throws Exception {
        Path dir = Path.of(RegistryConformanceTest.class.getResource("/conformance/registry/" + folder).toURI());
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(atLeast);
        String token = String.format("%08x", new java.security.SecureRandom().nextInt());
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            JsonNode c = JSON.readTree(files.get(i).toFile());
            int index = firstIndex + i + 1;
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> replay(c, token, index)));
        }
        return tests.stream();
    }

    private void replay(JsonNode c, String token, int index) throws Exception {
        JsonNode before = snapshot();
        ReplayContext ctx = new ReplayContext(token, index);
        List<String> diffs = new ArrayList<>();
        int n = 0;
        for (JsonNode step : c.get("steps")) {
            n++;
            HttpResponse<String> response = send(step.get("request"), ctx);
            List<String> stepDiffs = check(step, response, ctx, "step " + n);
            if (!stepDiffs.isEmpty()) {
                diffs.add(step.get("request").path("method").asText() + " " + step.get("request").path("path").asText());
                stepDiffs.forEach(d -> diffs.add("  " + d));
            }
        }
        List<String> changed = restore(before);
        if (!changed.isEmpty()) diffs.add("global " + changed + " was not restored by the case");
        assertThat(diffs).as(c.get("name").asText()).isEmpty();
    }

    private HttpResponse<String> send(JsonNode request, ReplayContext ctx) throws Exception {
        String method = request.get("method").asText().toUpperCase(Locale.ROOT);
        StringBuilder path = new StringBuilder(ctx.expandRequestText(request.get("path").asText()));
        JsonNode query = request.get("query");
        if (query != null && !query.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = query.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                List<JsonNode> values = new ArrayList<>();
                if (e.getValue().isArray()) e.getValue().forEach(values::add); else values.add(e.getValue());
                for (JsonNode v : values) {
                    JsonNode x = ctx.expandRequest(v);
                    pairs.add(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(x.isTextual() ? x.asText() : x.toString(), StandardCharsets.UTF_8));
                }
            }
            path.append('?').append(String.join("&", pairs));
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(60));
        boolean contentTypeGiven = false;
        JsonNode headers = request.get("headers");
        if (headers != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> h = it.next();
                if (h.getKey().equalsIgnoreCase("content-type")) contentTypeGiven = true;
                if (!h.getValue().isNull()) builder.header(h.getKey(), h.getValue().asText());
            }
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if (request.has("body")) {
            JsonNode b = request.get("body");
            String text = b.isTextual() ? ctx.expandRequestText(b.asText()) : JSON.writeValueAsString(ctx.expandRequest(b));
            body = HttpRequest.BodyPublishers.ofString(text);
            if (!contentTypeGiven) builder.header("Content-Type", DEFAULT_CT);
        }
        return HTTP.send(builder.method(method, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> check(JsonNode step, HttpResponse<String> response, ReplayContext ctx, String where) {
        List<String> diffs = new ArrayList<>();
        JsonNode expected = step.get("response");
        if (response.statusCode() != expected.get("status").asInt()) {
            diffs.add(where + ": status expected " + expected.get("status").asInt() + ", got " + response.statusCode()
                    + " " + abbreviate(response.body()));
        }
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        if (step.path("check_content_type").asBoolean(false)) {
            String want = mediaType(expected.get("content_type").isNull() ? null : expected.get("content_type").asText());
            if (!java.util.Objects.equals(mediaType(contentType), want)) {
                diffs.add(where + ": Content-Type expected " + want + ", got " + contentType);
            }
        }
        JsonNode actual;
        try {
            actual = JSON.readTree(response.body());
        } catch (Exception e) {
            actual = null;
        }
        if (expected.has("body")) {
            if (actual == null) {
                diffs.add(where + ": body is not JSON: " + abbreviate(response.body()));
            } else if (expected.path("unordered").asBoolean(false) && expected.get("body").isArray()) {
                ResponseComparison.compareUnordered(ctx.expandExpected(expected.get("body")), actual, where + " body", ctx, diffs);
            } else {
                ResponseComparison.compare(ctx.expandExpected(expected.get("body")), actual, where + " body", ctx, diffs);
            }
        } else if (expected.has("body_text")) {
            String want = ctx.substitute(expected.get("body_text").asText()).strip();
            if (!want.equals(response.body().strip())) diffs.add(where + ": body expected " + want + ", got " + response.body());
        }
        return diffs;
    }

    private static JsonNode snapshot() throws Exception {
        var out = JSON.createObjectNode();
        for (String path : List.of("/config", "/mode")) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            out.set(path, r.statusCode() == 200 ? JSON.readTree(r.body()) : null);
        }
        return out;
    }

    private static List<String> restore(JsonNode before) throws Exception {
        JsonNode after = snapshot();
        List<String> changed = new ArrayList<>();
        if (!before.get("/mode").equals(after.get("/mode"))) {
            changed.add("mode");
            put("/mode?force=true", JSON.createObjectNode().put("mode", before.get("/mode").path("mode").asText("READWRITE")));
        }
        if (!before.get("/config").equals(after.get("/config"))) {
            changed.add("config");
            put("/config", JSON.createObjectNode().put("compatibility",
                    before.get("/config").path("compatibilityLevel").asText("BACKWARD")));
        }
        return changed;
    }

    private static void put(String path, JsonNode body) throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Content-Type", DEFAULT_CT)
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String mediaType(String contentType) {
        return contentType == null ? null : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
