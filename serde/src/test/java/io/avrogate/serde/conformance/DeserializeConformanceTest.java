package io.avrogate.serde.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.avrogate.registry.client.InMemorySchemaRegistryClient;
import io.avrogate.serde.AvroDeserializer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of deserialize.jsonl (recorded from Confluent's KafkaAvroDeserializer 7.9.2): generic reads and schema
 * resolution with an explicit reader schema ({@code deserialize(topic, headers, bytes, readerSchema)}). The writer
 * schema is registered in a fresh mock registry with the case's id; the value read must equal the expected value
 * under the corpus conventions (map order ignored).
 */
class DeserializeConformanceTest {

    static Stream<Arguments> cases() {
        return Corpus.cases("deserialize.jsonl");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsExactlyAsConfluent(String id, JsonNode c) {
        check(id, c);
    }

    /** Shared with {@link MalformedConformanceTest}: registers the writer, reads the payload, compares. */
    static void check(String id, JsonNode c) {
        Corpus.withCodecsOnAndOff(codegen -> check(id, c, codegen));
    }

    private static void check(String id, JsonNode c, boolean codegen) {
        String scope = Corpus.freshScope();
        try (AvroDeserializer<Object> deserializer = new AvroDeserializer<>()) {
            boolean isKey = c.get("is_key").booleanValue();
            deserializer.configure(Map.of("schema.registry.url", "mock://" + scope, "avrogate.codegen.enabled", codegen),
                    isKey);
            Schema writer = Corpus.schema(c.get("writer_schema"));
            Corpus.registerWithId(InMemorySchemaRegistryClient.forScope(scope), c.get("registered_subject").textValue(),
                    writer, c.get("writer_schema_id").intValue());
            JsonNode readerNode = c.get("reader_schema");
            Schema reader = readerNode == null || readerNode.isNull() ? null : Corpus.schema(readerNode);
            byte[] payload = Corpus.hex(c.get("payload_hex"));
            String topic = c.get("topic").textValue();

            if (c.get("outcome").textValue().equals("error")) {
                expectError(id, c, () -> deserializer.deserialize(topic, null, payload, reader));
                return;
            }

            Object value = deserializer.deserialize(topic, null, payload, reader);
            JsonNode expected = c.get("expected_value");
            String quirk = c.get("expected_value_schema").isNull() ? null : c.get("expected_value_schema").textValue();
            if ("kafka-null".equals(quirk)) {
                assertThat(value).isNull();
            } else if ("string".equals(quirk)) {
                // Top-level string writer read with a "bytes" reader: Confluent returns the ByteBuffer's toString()
                // ("java.nio.HeapByteBuffer[pos=0 lim=3 cap=3]"), which is garbage. We return what the reader asked
                // for: the bytes of the string, as byte[] like every other top-level bytes value.
                assertThat(expected.textValue()).startsWith("java.nio.HeapByteBuffer");
                assertThat(value).isInstanceOf(byte[].class);
                assertThat((byte[]) value).isEqualTo(c.get("writer_value").textValue().getBytes(StandardCharsets.UTF_8));
            } else if ("bytes".equals(quirk)) {
                // Top-level (raw) bytes writer read with a "string" reader: Confluent ignores the reader and returns
                // byte[]. We honour the reader schema (Avro's bytes-to-string promotion) and return the String.
                assertThat(value).isEqualTo(new String(AvroJson.latin1(expected), StandardCharsets.UTF_8));
            } else {
                Schema valueSchema = reader != null ? reader : writer;
                if (valueSchema.getType() == Schema.Type.STRING) {
                    assertThat(value).as("top-level strings come back as java.lang.String").isInstanceOf(String.class);
                }
                if (valueSchema.getType() == Schema.Type.BYTES) {
                    assertThat(value).as("top-level bytes come back as byte[]").isInstanceOf(byte[].class);
                }
                assertThat(AvroJson.toJson(value, valueSchema)).isEqualTo(AvroJson.normalize(expected, valueSchema));
            }
        } finally {
            Corpus.drop(scope);
        }
    }

    /**
     * Confluent's SerializationException messages are kept as the start of ours (tools that match on them still
     * work); ours then say what is wrong. Where Confluent throws something else (a raw BufferUnderflowException for a
     * short header), we throw a SerializationException that says the header is short.
     */
    static void expectError(String id, JsonNode c, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        JsonNode error = c.get("error");
        String confluentClass = error.get("class").textValue();
        String category = c.get("category").textValue();
        var thrown = assertThatThrownBy(call).isInstanceOf(SerializationException.class);
        if (confluentClass.equals(SerializationException.class.getName())) {
            thrown.hasMessageStartingWith(error.get("message").textValue());
        } else {
            // Confluent leaks java.nio.BufferUnderflowException (message null) for a payload shorter than the header.
            assertThat(confluentClass).isEqualTo("java.nio.BufferUnderflowException");
            thrown.message().containsAnyOf("Empty payload", "Payload too short");
        }
        String detail = switch (category) {
            case "truncated-body" -> "truncated body";
            case "invalid-body" -> "invalid Avro data";
            case "resolution" -> "cannot be resolved to the reader schema";
            case "unknown-id" -> "not found";
            case "magic" -> "Expected 0x00";
            case "truncated-header" -> "header";
            default -> throw new IllegalArgumentException("no expectation for category " + category + " in " + id);
        };
        thrown.message().contains(detail);
    }
}
