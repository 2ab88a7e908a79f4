package io.avrogate.serde.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of malformed.jsonl: truncated headers, wrong magic bytes, unknown ids, truncated and invalid bodies,
 * trailing bytes. Each must fail with a SerializationException that starts with Confluent's message and says what is
 * wrong, or give the value Confluent gives (trailing bytes are ignored; a header-only "bytes" payload is empty bytes).
 * Where Confluent throws a raw BufferUnderflowException (payloads of 0 to 4 bytes), ours is a SerializationException
 * naming the short header: see {@link DeserializeConformanceTest#expectError}.
 */
class MalformedConformanceTest {

    static Stream<Arguments> cases() {
        return Corpus.cases("malformed.jsonl");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsClearlyOrReadsAsConfluent(String id, JsonNode c) {
        DeserializeConformanceTest.check(id, c);
    }
}
