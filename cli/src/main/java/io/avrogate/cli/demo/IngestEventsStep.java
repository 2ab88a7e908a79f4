package io.avrogate.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avrogate.ingest.IngestServer;
import io.avrogate.ingest.IngestSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the ingest service (JSON over HTTP, validated against the topic's registered schema, into Kafka) and sends
 * it a stream of ad clicks in batches, as an ad server would. A few broken events ride along in one batch: the gate
 * refuses each with its reason while the rest of the batch goes through.
 */
final class IngestEventsStep implements DemoStep {
    static final String TOPIC = "ad-clicks";
    static final int BATCHES = 6;
    static final int BATCH_SIZE = 100;

    /**
     * The running ingest service, the click generator (later steps go on with the same sequence), the topic the clicks
     * went to and what the gate answered.
     */
    record Ingested(IngestServer server, TrackingEvents events, String topic, int accepted, int rejected)
            implements Result {
        @Override
        public String summary() {
            return accepted + " clicks accepted into " + topic + " in " + BATCHES + " requests, " + rejected
                    + " broken ones rejected at the gate, each with its reason";
        }
    }

    @Override
    public String title() {
        return "Ingest ad clicks over HTTP through the schema gate";
    }

    Ingested run(DemoContext context, StartStackStep.Stack stack) throws Exception {
        IngestServer server = context.keep(IngestServer.start(IngestSettings.defaults().withListener("127.0.0.1", 0)
                        // Only the topics the reviewed subject.yaml files declare, as in production.
                        .withAllowedTopics(java.util.Set.of(), context.schemas().resolve("subjects")),
                Map.of("bootstrap.servers", stack.bootstrapServers(),
                        "schema.registry.url", stack.registryUrl())));
        TrackingEvents events = new TrackingEvents(42, Instant.parse("2026-11-24T08:00:00Z"));
        IngestClient client = new IngestClient(server.url());

        int accepted = 0;
        int rejected = 0;
        List<TrackingEvents.Broken> broken = List.of();
        List<String> reasons = new ArrayList<>();
        for (int batch = 0; batch < BATCHES; batch++) {
            List<ObjectNode> body = new ArrayList<>();
            for (int i = 0; i < BATCH_SIZE; i++) body.add(events.adClick(batch * BATCH_SIZE + i));
            if (batch == 2) {
                broken = events.brokenAdClicks(batch * BATCH_SIZE);
                // Spread through the batch, as real mistakes are.
                for (int i = 0; i < broken.size(); i++) body.add(10 + i * 20, broken.get(i).event());
            }
            IngestClient.Answer answer = client.post(TOPIC, body);
            accepted += answer.accepted();
            rejected += answer.rejected();
            reasons.addAll(answer.reasons());
        }
        for (int i = 0; i < reasons.size(); i++) {
            String sent = i < broken.size() ? " (sent: " + broken.get(i).defect() + ")" : "";
            context.detail("rejected: " + reasons.get(i) + sent);
        }
        if (accepted != BATCHES * BATCH_SIZE || rejected != broken.size()) {
            throw new IllegalStateException("expected " + BATCHES * BATCH_SIZE + " accepted and " + broken.size()
                    + " rejected, the gate answered " + accepted + " and " + rejected);
        }
        context.story().count("ingest.accepted", accepted);
        context.story().count("ingest.rejected", rejected);
        context.hint("curl -X POST -H 'Content-Type: application/json' " + server.url() + "/topics/" + TOPIC
                + " -d '{\"click_id\":\"not-a-uuid\"}'    # see the gate's answer");
        context.hint("curl " + server.url() + "/topics/" + TOPIC + "    # the schema events are converted to");
        return new Ingested(server, events, TOPIC, accepted, rejected);
    }
}
