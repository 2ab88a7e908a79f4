package io.avrogate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IngestBodyTest {
    private static IngestBody.Parsed parse(String body, String type) {
        return IngestBody.parse(body.getBytes(StandardCharsets.UTF_8), type);
    }

    @Test
    void oneEventAnArrayOrLinesAreTellApartWithOrWithoutMediaType() {
        assertThat(parse("{\"a\": 1}", "application/json").format()).isEqualTo(IngestBody.Format.SINGLE);
        assertThat(parse("[{\"a\": 1}, {\"a\": 2}]", null).items()).hasSize(2);
        IngestBody.Parsed lines = parse("{\"a\": 1}\n{\"a\": 2}\n", null);
        assertThat(lines.format()).isEqualTo(IngestBody.Format.NDJSON);
        assertThat(lines.items()).extracting(IngestBody.Item::line).containsExactly(1, 2);
        assertThat(parse("{\"a\": 1}\r\n{\"a\": 2}", "application/x-www-form-urlencoded").items()).hasSize(2);
        // a pretty-printed single event spans lines but is one JSON value
        assertThat(parse("{\n  \"a\": 1\n}\n", "application/json").format()).isEqualTo(IngestBody.Format.SINGLE);
        // a one-line body is one event even as NDJSON
        assertThat(parse("{\"a\": 1}", "application/x-ndjson; charset=utf-8").format()).isEqualTo(IngestBody.Format.NDJSON);
    }

    @Test
    void aMalformedNdjsonLineIsOneBadItemButMalformedJsonRefusesTheRequest() {
        IngestBody.Parsed lines = parse("{\"a\": 1}\n{\"a\": \n{\"a\": 3}", "application/jsonl");
        assertThat(lines.items()).hasSize(3);
        assertThat(lines.items().get(1).json()).isNull();
        assertThat(lines.items().get(1).error()).startsWith("malformed JSON at line 1");

        assertThatThrownBy(() -> parse("[{\"a\": 1},", "application/json"))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageStartingWith("malformed JSON at line 1");
        assertThatThrownBy(() -> parse("{\"a\": 1} trailing", null))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> parse("\n\n", "application/x-ndjson"))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> parse("a,b", "text/csv"))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.status()).isEqualTo(415));
    }
}
