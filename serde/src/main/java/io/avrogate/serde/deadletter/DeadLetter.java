package io.avrogate.serde.deadletter;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * What a dead-letter record says about itself: where the original was read, where and why processing failed, and
 * who gave up on it. {@link #toHeaders} writes it in the format of {@link DeadLetterHeaders}; {@link #read} parses
 * it back, for the {@code dlq} tooling and the console.
 *
 * @param timestamp the original record's timestamp, epoch ms, or -1 when unknown
 * @param stackTrace may be null (not written)
 * @param attempts handler calls, or -1 when the component does not count them
 * @param groupId the consumer group, or null
 * @param mapping the bridge mapping, or null
 * @param field the target field a mapping could not produce, or null
 */
public record DeadLetter(
        String topic,
        int partition,
        long offset,
        long timestamp,
        String component,
        DeadLetterStage stage,
        String exceptionClass,
        String exceptionMessage,
        String stackTrace,
        int attempts,
        String groupId,
        String mapping,
        String field) {

    /** Stack traces are for people; a huge one must not make the record too large for the topic. */
    static final int MAX_STACKTRACE_CHARS = 8_000;

    public DeadLetter {
        if (topic == null || component == null || stage == null || exceptionClass == null) {
            throw new IllegalArgumentException("a dead letter needs its topic, component, stage and exception class");
        }
        exceptionMessage = exceptionMessage == null ? "" : exceptionMessage;
    }

    /** A dead letter for a failure described by an exception; its class, message and (cut) stack trace are kept. */
    public static DeadLetter of(String topic, int partition, long offset, long timestamp, String component,
                                DeadLetterStage stage, Throwable error, int attempts, String groupId, String mapping,
                                String field) {
        return new DeadLetter(topic, partition, offset, timestamp, component, stage, error.getClass().getName(),
                String.valueOf(error.getMessage()), stackTrace(error), attempts, groupId, mapping, field);
    }

    /**
     * The dead-letter record's headers: the original headers minus error headers of an earlier dead-lettering (so a
     * record re-consumed from a dead-letter topic states one reason), then this dead letter's.
     */
    public RecordHeaders toHeaders(Iterable<Header> originalHeaders) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : originalHeaders) {
            if (!DeadLetterHeaders.isErrorHeader(header.key())) headers.add(header);
        }
        put(headers, DeadLetterHeaders.TOPIC, topic);
        put(headers, DeadLetterHeaders.PARTITION, Integer.toString(partition));
        put(headers, DeadLetterHeaders.OFFSET, Long.toString(offset));
        put(headers, DeadLetterHeaders.STAGE, stage.name());
        put(headers, DeadLetterHeaders.EXCEPTION_CLASS_NAME, exceptionClass);
        put(headers, DeadLetterHeaders.EXCEPTION_MESSAGE, exceptionMessage);
        put(headers, DeadLetterHeaders.EXCEPTION_STACKTRACE, stackTrace);
        put(headers, DeadLetterHeaders.COMPONENT, component);
        if (timestamp >= 0) put(headers, DeadLetterHeaders.TIMESTAMP, Long.toString(timestamp));
        if (attempts >= 0) put(headers, DeadLetterHeaders.ATTEMPTS, Integer.toString(attempts));
        put(headers, DeadLetterHeaders.GROUP_ID, groupId);
        put(headers, DeadLetterHeaders.MAPPING, mapping);
        put(headers, DeadLetterHeaders.FIELD, field);
        return headers;
    }

    /**
     * Parses a dead letter's headers. Empty when the record is not a dead letter (no topic or stage header).
     *
     * @throws IllegalArgumentException when a header that is present cannot be read (not a number, unknown stage)
     */
    public static Optional<DeadLetter> read(Headers headers) {
        String topic = text(headers, DeadLetterHeaders.TOPIC);
        String stage = text(headers, DeadLetterHeaders.STAGE);
        if (topic == null || stage == null) return Optional.empty();
        DeadLetterStage parsedStage;
        try {
            parsedStage = DeadLetterStage.valueOf(stage);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown dead-letter stage '" + stage + "' in header "
                    + DeadLetterHeaders.STAGE);
        }
        String component = text(headers, DeadLetterHeaders.COMPONENT);
        String exceptionClass = text(headers, DeadLetterHeaders.EXCEPTION_CLASS_NAME);
        return Optional.of(new DeadLetter(
                topic,
                (int) number(headers, DeadLetterHeaders.PARTITION, -1),
                number(headers, DeadLetterHeaders.OFFSET, -1),
                number(headers, DeadLetterHeaders.TIMESTAMP, -1),
                component == null ? "unknown" : component,
                parsedStage,
                exceptionClass == null ? "unknown" : exceptionClass,
                text(headers, DeadLetterHeaders.EXCEPTION_MESSAGE),
                text(headers, DeadLetterHeaders.EXCEPTION_STACKTRACE),
                (int) number(headers, DeadLetterHeaders.ATTEMPTS, -1),
                text(headers, DeadLetterHeaders.GROUP_ID),
                text(headers, DeadLetterHeaders.MAPPING),
                text(headers, DeadLetterHeaders.FIELD)));
    }

    /** One line for people: where the record came from and why it is here. */
    public String describe() {
        StringBuilder out = new StringBuilder()
                .append(topic).append('-').append(partition).append('@').append(offset)
                .append(' ').append(stage);
        if (field != null && !field.isEmpty()) out.append(" field ").append(field);
        return out.append(": ").append(exceptionMessage).toString();
    }

    /** The header's value as UTF-8 text, or null when absent. */
    public static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long number(Headers headers, String name, long absent) {
        String value = text(headers, name);
        if (value == null) return absent;
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("header " + name + " is not a number: '" + value + "'");
        }
    }

    private static void put(RecordHeaders headers, String key, String value) {
        if (value != null) headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        String text = out.toString();
        return text.length() <= MAX_STACKTRACE_CHARS ? text : text.substring(0, MAX_STACKTRACE_CHARS) + "\n\t...";
    }
}
