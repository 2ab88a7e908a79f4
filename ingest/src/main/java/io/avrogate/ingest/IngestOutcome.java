package io.avrogate.ingest;

import java.util.List;

/** The results of one request, in request order, and the HTTP status that sums them up. */
public record IngestOutcome(TopicSchema schema, List<EventResult> results) {
    public long count(EventResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /**
     * 200 when every event was written; 422 when none was written and at least one is invalid (nothing was produced,
     * fix the data); 503 when none was written only because Kafka or the registry failed (retry); 207 for a mix
     * (some written: read each event's result before retrying, so the written ones are not sent twice).
     */
    public int httpStatus() {
        long ok = count(EventResult.Status.OK);
        long invalid = count(EventResult.Status.INVALID);
        if (ok == results.size()) return 200;
        if (ok == 0 && invalid > 0) return 422;
        if (ok == 0) return 503;
        return 207;
    }
}
