package io.avrogate.connect.conformance;

import static io.avrogate.connect.conformance.ConnectJson.HEX;
import static io.avrogate.connect.conformance.ConnectJson.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.avrogate.connect.AvroConverter;
import io.avrogate.registry.RegistryServer;
import io.avrogate.registry.client.SchemaContent;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import io.avrogate.testkit.registry.RegistryExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every case of {@code conformance/connect/cases.jsonl} (recorded from Confluent's AvroConverter 7.9.2
 * against a real Schema Registry) against our converter and our real registry, as the corpus README says: the
 * bytes (schema ids resolved against our registry), the registered schema text, the round trip and the errors.
 *
 * <p>Errors: the outermost exception class must be Confluent's, except that where Confluent leaks a raw
 * {@code BufferUnderflowException} for a payload under 5 bytes we throw a {@code DataException} saying so. Each
 * recorded cause class must appear in our cause chain (our registry client's exception standing for Confluent's
 * {@code RestClientException}), and each message must start with Confluent's (ours add the reason).
 */
@ExtendWith(RegistryExtension.class)
class ConnectConformanceTest {
    private static final Pattern ID = Pattern.compile("\\{\\{id:([^/}]+)/(\\d+)}}");
    private static final Map<String, String> OUR_CLASS_FOR = Map.of(
            "io.confluent.kafka.schemaregistry.client.rest.exceptions.RestClientException",
            "io.avrogate.registry.client.RegistryClientException",
            "java.nio.BufferUnderflowException", "org.apache.kafka.connect.errors.DataException");

    /**
     * Avro 1.11 (Confluent 7.9.2) fails with an NPE on an enum value that is not a symbol; Avro 1.12, which we run on,
     * throws an AvroTypeException naming the value and the symbols.
     */
    private static final Map<String, String> AVRO_112_INSTEAD_OF = Map.of(
            "java.lang.NullPointerException", "org.apache.avro.AvroTypeException");

    private static SchemaRegistryClient client;
    private static String url;

    @BeforeAll
    static void connect(RegistryServer registry) {
        url = registry.url();
        client = SchemaRegistryClients.create(Map.of("schema.registry.url", url));
    }

    @AfterAll
    static void close() {
        if (client != null) client.close();
    }

    static Stream<Arguments> cases() {
        var stream = ConnectConformanceTest.class.getResourceAsStream("/conformance/connect/cases.jsonl");
        if (stream == null) throw new IllegalStateException("missing conformance/connect/cases.jsonl");
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            List<JsonNode> rows = reader.lines().filter(l -> !l.isBlank()).map(ConnectConformanceTest::parse).toList();
            return rows.stream().map(row -> Arguments.of(row.get("id").textValue(), row));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void behavesAsConfluent(String id, JsonNode c) {
        try (AvroConverter converter = new AvroConverter()) {
            converter.configure(configs(c.get("config")), false);
            if (c.get("direction").textValue().equals("fromConnect")) fromConnect(converter, c);
            else toConnect(converter, c);
        }
    }

    private static Map<String, Object> configs(JsonNode config) {
        Map<String, Object> configs = new HashMap<>();
        configs.put("schema.registry.url", url);
        config.fields().forEachRemaining(e -> configs.put(e.getKey(),
                e.getValue().isBoolean() ? (Object) e.getValue().booleanValue() : e.getValue().asText()));
        return configs;
    }

    private void fromConnect(AvroConverter converter, JsonNode c) {
        JsonNode input = c.get("input");
        String topic = input.get("topic").textValue();
        Schema schema = ConnectJson.schema(input.get("schema"));
        Object value = ConnectJson.value(input.get("value"), schema);
        if (!c.get("error").isNull()) {
            assertFailsAsConfluent(catchThrowable(() -> converter.fromConnectData(topic, schema, value)), c.get("error"));
            return;
        }
        JsonNode expected = c.get("expected");
        byte[] bytes = converter.fromConnectData(topic, schema, value);
        if (expected.get("wire").isNull()) {
            assertThat(bytes).isNull();
        } else {
            assertThat(HEX.formatHex(bytes)).as("bytes").isEqualTo(resolveIds(expected.get("wire").textValue(), true));
            JsonNode registered = expected.get("registered");
            int schemaId = ((bytes[1] & 0xff) << 24) | ((bytes[2] & 0xff) << 16) | ((bytes[3] & 0xff) << 8) | (bytes[4] & 0xff);
            assertThat(client.version(registered.get("subject").textValue(), registered.get("version").asText()).id())
                    .as("subject version holding the id").isEqualTo(schemaId);
            assertThat(client.schemaById(schemaId).schema()).as("registered schema").isEqualTo(registered.get("schema").textValue());
        }
        if (!expected.path("roundTripError").isNull() && expected.has("roundTripError")) {
            assertFailsAsConfluent(catchThrowable(() -> converter.toConnectData(topic, bytes)), expected.get("roundTripError"));
            return;
        }
        assertSchemaAndValue(converter.toConnectData(topic, bytes), expected.get("roundTrip"));
    }

    private void toConnect(AvroConverter converter, JsonNode c) {
        JsonNode input = c.get("input");
        String topic = input.get("topic").textValue();
        byte[] wire;
        if (input.has("writerSchema")) {
            String subject = topic + "-value";
            int schemaId = client.register(subject, SchemaContent.avro(input.get("writerSchema").toString()), false);
            wire = HEX.parseHex("00" + "%08x".formatted(schemaId) + input.get("payloadHex").textValue());
        } else {
            wire = input.get("wireHex").isNull() ? null : HEX.parseHex(input.get("wireHex").textValue());
        }
        if (!c.get("error").isNull()) {
            assertFailsAsConfluent(catchThrowable(() -> converter.toConnectData(topic, wire)), c.get("error"));
            return;
        }
        SchemaAndValue result = converter.toConnectData(topic, wire);
        if (c.get("expected").path("schemaAndValueIsJavaNull").asBoolean(false)) {
            assertThat(result).as("Java null, not SchemaAndValue.NULL").isNull();
            return;
        }
        assertSchemaAndValue(result, c.get("expected"));
    }

    private static void assertSchemaAndValue(SchemaAndValue actual, JsonNode expected) {
        assertThat(actual).as("SchemaAndValue").isNotNull();
        assertThat(ConnectJson.normalized(ConnectJson.render(actual.schema()))).as("Connect schema")
                .isEqualTo(expected.get("schema"));
        assertThat(ConnectJson.normalized(ConnectJson.renderValue(actual.schema(), actual.value()))).as("Connect value")
                .isEqualTo(expected.get("value"));
    }

    private void assertFailsAsConfluent(Throwable thrown, JsonNode error) {
        assertThat(thrown).as("expected " + error).isNotNull();
        String expectedClass = error.get("class").textValue();
        assertThat(thrown.getClass().getName()).as("exception class, chain " + chain(thrown))
                .isEqualTo(OUR_CLASS_FOR.getOrDefault(expectedClass, expectedClass));
        if (!OUR_CLASS_FOR.containsKey(expectedClass)) assertMessageStartsWith(thrown, error.get("message"));
        for (JsonNode cause : error.get("causes")) {
            String causeClass = cause.get("class").textValue();
            Throwable found = thrown.getCause();
            while (found != null && !standsFor(found, causeClass)) found = found.getCause();
            assertThat(found).as("cause " + causeClass + " in the chain " + chain(thrown)).isNotNull();
            // Our serde keeps Confluent's message as the start of its own; other causes come from Avro or the JDK,
            // whose wording differs between versions (the README calls messages informative).
            if (causeClass.equals(SerializationException.class.getName())) assertMessageStartsWith(found, cause.get("message"));
        }
    }

    /** Whether our exception is (a subclass of) the recorded class, or our documented stand-in for it. */
    private static boolean standsFor(Throwable ours, String recordedClass) {
        String wanted = OUR_CLASS_FOR.getOrDefault(recordedClass, recordedClass);
        for (Class<?> type = ours.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(wanted)) return true;
        }
        return AVRO_112_INSTEAD_OF.getOrDefault(recordedClass, "").equals(ours.getClass().getName());
    }

    private static String chain(Throwable thrown) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) out.append("\n  ").append(t);
        return out.toString();
    }

    private void assertMessageStartsWith(Throwable thrown, JsonNode message) {
        if (message.isNull()) return;
        assertThat(thrown.getMessage()).as("message of " + thrown.getClass().getName())
                .startsWith(resolveIds(message.textValue(), false));
    }

    /** Replaces {@code {{id:subject/version}}} by the id our registry gave that version: 8 hex digits, or decimal. */
    private static String resolveIds(String text, boolean hex) {
        Matcher m = ID.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int schemaId = client.version(m.group(1), m.group(2)).id();
            m.appendReplacement(out, hex ? "%08x".formatted(schemaId) : String.valueOf(schemaId));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static JsonNode parse(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
