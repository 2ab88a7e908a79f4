package io.avrogate.cli;

import io.avrogate.serde.deadletter.DeadLetter;
import io.avrogate.serde.deadletter.DeadLetterStage;
import java.time.Instant;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Option;

/** Which dead letters {@code dlq inspect} and {@code dlq replay} act on; every option given must match. */
final class DeadLetterFilter {
    @Option(names = "--stage", paramLabel = "STAGE",
            description = "Only dead letters of this stage: ${COMPLETION-CANDIDATES}.")
    DeadLetterStage stage;

    @Option(names = "--reason", paramLabel = "TEXT",
            description = "Only dead letters whose exception class or message contains TEXT (ignoring case).")
    String reason;

    @Option(names = "--since", paramLabel = "ISO-INSTANT",
            description = "Only records dead-lettered at or after this time, e.g. 2026-12-04T09:00:00Z.")
    Instant since;

    @Option(names = "--until", paramLabel = "ISO-INSTANT", description = "Only records dead-lettered before this time.")
    Instant until;

    @Option(names = "--max", paramLabel = "N", description = "Act on at most N matching dead letters.")
    Long max;

    /**
     * Time is when the record was dead-lettered (the dead-letter record's own timestamp), the moment an operator
     * knows from an incident; the original record's time is printed too.
     */
    boolean matches(DeadLetter letter, ConsumerRecord<byte[], byte[]> record) {
        if (stage != null && letter.stage() != stage) return false;
        if (reason != null) {
            String needle = reason.toLowerCase(Locale.ROOT);
            if (!letter.exceptionClass().toLowerCase(Locale.ROOT).contains(needle)
                    && !letter.exceptionMessage().toLowerCase(Locale.ROOT).contains(needle)) return false;
        }
        if (since != null && record.timestamp() < since.toEpochMilli()) return false;
        return until == null || record.timestamp() < until.toEpochMilli();
    }

    boolean full(long count) {
        return max != null && count >= max;
    }
}
