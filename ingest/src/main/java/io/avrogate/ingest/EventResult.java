package io.avrogate.ingest;

import io.avrogate.core.json.ConversionError;
import java.util.List;

/**
 * What became of one event of a request.
 *
 * @param index     position of the event in the request (0-based)
 * @param line      for NDJSON, the event's line number (1-based); otherwise null
 * @param partition where it landed, when {@link Status#OK}
 * @param offset    where it landed, when {@link Status#OK}
 * @param errors    why it does not fit the schema, when {@link Status#INVALID}
 * @param failure   why it was not written although valid, when {@link Status#FAILED} or {@link Status#NOT_SENT}
 */
public record EventResult(int index, Integer line, Status status, Integer partition, Long offset,
                          List<ConversionError> errors, String failure) {
    public enum Status {
        /** Written to Kafka and acknowledged. */
        OK,
        /** Does not fit the schema; not written. */
        INVALID,
        /** Valid, but Kafka or the serializer refused it (retrying may succeed). */
        FAILED,
        /** Valid, but not written because the request was atomic and another event was invalid. */
        NOT_SENT
    }

    static EventResult ok(int index, Integer line, int partition, long offset) {
        return new EventResult(index, line, Status.OK, partition, offset, List.of(), null);
    }

    static EventResult invalid(int index, Integer line, List<ConversionError> errors) {
        return new EventResult(index, line, Status.INVALID, null, null, List.copyOf(errors), null);
    }

    static EventResult failed(int index, Integer line, String failure) {
        return new EventResult(index, line, Status.FAILED, null, null, List.of(), failure);
    }

    static EventResult notSent(int index, Integer line) {
        return new EventResult(index, line, Status.NOT_SENT, null, null, List.of(),
                "not sent: the request is atomic and other events in it are invalid");
    }
}
