package io.avrogate.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.apache.avro.Schema;

/**
 * A hook that adds to or corrects an event before it is converted to the topic's schema, e.g. server-side capture
 * metadata. Runs once per event, in the order enrichers are given, on the event's JSON (so it can fill required
 * fields the client cannot know). Implementations must be thread-safe.
 */
@FunctionalInterface
public interface EventEnricher {
    /**
     * @param event  the client's event, mutable
     * @param schema the schema the event is about to be converted to (the subject's latest version)
     */
    void enrich(ObjectNode event, Schema schema, Request request);

    /** What the service knows about the request that carried the event. */
    record Request(String topic, Instant receivedAt, String clientAddress, String userAgent) {}
}
