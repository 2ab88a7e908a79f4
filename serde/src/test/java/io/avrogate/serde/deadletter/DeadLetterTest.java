package io.avrogate.serde.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    @Test
    void writesConnectHeaderNamesAndReadsEveryFactBack() {
        DeadLetter letter = DeadLetter.of("ad-clicks", 2, 41L, 1_700_000_000_000L, "consumer",
                DeadLetterStage.VALUE_DESERIALIZATION, new IllegalStateException("unknown magic byte 7"), 0,
                "billing", null, null);
        RecordHeaders headers = letter.toHeaders(new RecordHeaders());

        assertThat(DeadLetter.text(headers, "__connect.errors.topic")).isEqualTo("ad-clicks");
        assertThat(DeadLetter.text(headers, "__connect.errors.partition")).isEqualTo("2");
        assertThat(DeadLetter.text(headers, "__connect.errors.offset")).isEqualTo("41");
        assertThat(DeadLetter.text(headers, "__connect.errors.stage")).isEqualTo("VALUE_DESERIALIZATION");
        assertThat(DeadLetter.text(headers, "__connect.errors.exception.class.name"))
                .isEqualTo(IllegalStateException.class.getName());
        assertThat(DeadLetter.text(headers, "__connect.errors.exception.message")).isEqualTo("unknown magic byte 7");
        assertThat(DeadLetter.text(headers, "__connect.errors.exception.stacktrace"))
                .contains("writesConnectHeaderNamesAndReadsEveryFactBack");

        DeadLetter read = DeadLetter.read(headers).orElseThrow();
        assertThat(read).isEqualTo(letter);
        assertThat(read.describe()).isEqualTo("ad-clicks-2@41 VALUE_DESERIALIZATION: unknown magic byte 7");
    }

    @Test
    void bridgeFactsRoundTripAndAbsentOnesStayAbsent() {
        DeadLetter letter = new DeadLetter("ad-clicks.v2", 0, 7L, -1L, "bridge", DeadLetterStage.TRANSLATION,
                "io.avrogate.bridge.UntranslatableRecordException", "no rule for currency XXX", null, -1, null,
                "ad-clicks-v2-to-v1", "price.currency");
        RecordHeaders headers = letter.toHeaders(new RecordHeaders());

        assertThat(headers.lastHeader(DeadLetterHeaders.ATTEMPTS)).isNull();
        assertThat(headers.lastHeader(DeadLetterHeaders.TIMESTAMP)).isNull();
        assertThat(headers.lastHeader(DeadLetterHeaders.GROUP_ID)).isNull();
        assertThat(DeadLetter.read(headers)).contains(letter);
        assertThat(letter.describe()).isEqualTo("ad-clicks.v2-0@7 TRANSLATION field price.currency: no rule for currency XXX");
    }

    @Test
    void keepsTheOriginalHeadersButOnlyTheNewestReason() {
        RecordHeaders original = new RecordHeaders();
        original.add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
        original.add(DeadLetterHeaders.STAGE, "HANDLER".getBytes(StandardCharsets.UTF_8));
        original.add(DeadLetterHeaders.GROUP_ID, "old-group".getBytes(StandardCharsets.UTF_8));
        DeadLetter letter = DeadLetter.of("ad-clicks.dlq", 0, 3L, 5L, "consumer", DeadLetterStage.HANDLER,
                new RuntimeException("still broken"), 3, "replayer", null, null);

        List<String> keys = new ArrayList<>();
        for (Header h : letter.toHeaders(original)) keys.add(h.key());

        assertThat(keys).containsOnlyOnce("trace-id", DeadLetterHeaders.STAGE, DeadLetterHeaders.GROUP_ID);
        assertThat(DeadLetter.read(letter.toHeaders(original)).orElseThrow().groupId()).isEqualTo("replayer");
    }

    @Test
    void aRecordWithoutTheHeadersIsNoDeadLetterAndBrokenHeadersAreNamed() {
        assertThat(DeadLetter.read(new RecordHeaders())).isEmpty();

        RecordHeaders broken = new RecordHeaders();
        broken.add(DeadLetterHeaders.TOPIC, "t".getBytes(StandardCharsets.UTF_8));
        broken.add(DeadLetterHeaders.STAGE, "HANDLER".getBytes(StandardCharsets.UTF_8));
        broken.add(DeadLetterHeaders.OFFSET, "twelve".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> DeadLetter.read(broken)).hasMessageContaining(DeadLetterHeaders.OFFSET)
                .hasMessageContaining("twelve");

        RecordHeaders unknownStage = new RecordHeaders();
        unknownStage.add(DeadLetterHeaders.TOPIC, "t".getBytes(StandardCharsets.UTF_8));
        unknownStage.add(DeadLetterHeaders.STAGE, "LUNCH".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> DeadLetter.read(unknownStage)).hasMessageContaining("LUNCH");
    }

    @Test
    void cutsHugeStackTraces() {
        Throwable deep = new RuntimeException("deep");
        for (int i = 0; i < 200; i++) deep = new RuntimeException("level " + i, deep);
        DeadLetter letter = DeadLetter.of("t", 0, 0, 0, "consumer", DeadLetterStage.HANDLER, deep, 1, "g", null, null);
        assertThat(letter.stackTrace().length()).isLessThanOrEqualTo(DeadLetter.MAX_STACKTRACE_CHARS + 10);
    }
}
