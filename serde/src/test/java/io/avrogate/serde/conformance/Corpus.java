package io.avrogate.serde.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avrogate.registry.client.InMemorySchemaRegistryClient;
import io.avrogate.registry.client.SchemaContent;
import io.avrogate.registry.client.SchemaRegistryClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.params.provider.Arguments;

/** Reads the golden corpus (copied from /work/shared/conformance/wire) and prepares a fresh mock registry per case. */
final class Corpus {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HexFormat HEX = HexFormat.of();

    private Corpus() {}

    /** Every case of a file as (id, case) arguments, so test names show the case id. */
    static Stream<Arguments> cases(String file) {
        var stream = Corpus.class.getResourceAsStream("/conformance/wire/" + file);
        if (stream == null) throw new IllegalStateException("missing corpus file " + file);
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            List<JsonNode> rows = reader.lines().filter(l -> !l.isBlank()).map(Corpus::parse).toList();
            return rows.stream().map(row -> Arguments.of(row.get("id").textValue(), row));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Schema schema(JsonNode inline) {
        return new Schema.Parser().parse(inline.toString());
    }

    /** A case body that must pass with the compiled codecs (avrogate.codegen.enabled) both on and off. */
    interface CodecCase {
        void run(boolean codegen);
    }

    static void withCodecsOnAndOff(CodecCase body) {
        for (boolean codegen : new boolean[] {true, false}) {
            try {
                body.run(codegen);
            } catch (AssertionError e) {
                throw new AssertionError("with avrogate.codegen.enabled=" + codegen + ": " + e.getMessage(), e);
            }
        }
    }

    /** A new, empty mock scope: ids start at 1, as in the corpus (Confluent ran each case in a fresh registry). */
    static String freshScope() {
        return "conformance-" + UUID.randomUUID();
    }

    /**
     * Registers {@code writer} under {@code subject} so that it gets {@code id}: a fresh scope hands out ids from 1,
     * so ids below are taken by filler schemas first (the client API has no way to ask for an id).
     */
    static void registerWithId(SchemaRegistryClient client, String subject, Schema writer, int id) {
        for (int filler = 1; filler < id; filler++) {
            client.register("filler-" + filler, SchemaContent.avro("{\"type\":\"fixed\",\"name\":\"F" + filler
                    + "\",\"size\":1}"), false);
        }
        int registered = client.register(subject, SchemaContent.avro(writer.toString()), false);
        if (registered != id) throw new IllegalStateException("registered with id " + registered + ", wanted " + id);
    }

    static void drop(String scope) {
        InMemorySchemaRegistryClient.dropScope(scope);
    }

    static byte[] hex(JsonNode node) {
        return node == null || node.isNull() ? null : HEX.parseHex(node.textValue());
    }
}
