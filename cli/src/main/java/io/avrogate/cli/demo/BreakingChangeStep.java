package io.avrogate.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avrogate.bridge.BridgeConfig;
import io.avrogate.bridge.BridgeRunner;
import io.avrogate.producer.ingest.IngestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/**
 * The declared breaking change of ad clicks: producers move to the new topic ad-clicks.v2 (a new, incompatible
 * schema lineage), the migration bridge translates every new record back into the old schema on ad-clicks with the
 * reviewed mapping, and the billing team's consumer, which has not moved, keeps reading ad-clicks as if nothing
 * happened.
 */
final class BreakingChangeStep implements DemoStep {
    static final String MAPPING = "migrations/ad-clicks-v2-to-v1.yaml";
    static final String OLD_TOPIC = "ad-clicks";
    static final String NEW_TOPIC = "ad-clicks.v2";
    static final String OLD_CONSUMER_GROUP = "billing";
    static final int EVENTS = 300;

    @Override
    public String title() {
        return "Breaking change: producers move to " + NEW_TOPIC + ", the bridge keeps " + OLD_TOPIC + " fed";
    }

    @Override
    public String run(DemoContext context) throws Exception {
        String kafka = context.kafka().bootstrapServers();
        String registry = context.registry().url();
        DemoConsumer billing = context.keep(new DemoConsumer(kafka, registry, OLD_CONSUMER_GROUP, OLD_TOPIC))
                .awaitAssignment(Duration.ofSeconds(30));
        context.share(DemoConsumer.class, billing);

        BridgeConfig config = BridgeRunner.config(Map.of(
                BridgeConfig.BOOTSTRAP_SERVERS, kafka,
                BridgeConfig.SCHEMA_REGISTRY_URL, registry,
                BridgeConfig.MAPPING, context.schemas().resolve(MAPPING).toString(),
                BridgeConfig.INSTANCE_ID, "demo-bridge",
                BridgeConfig.HTTP_PORT, "0",
                // The demo takes its own status samples, at the moments the story needs them.
                BridgeConfig.OBSERVE_INTERVAL_MS, "-1"));
        RunningBridge bridge = context.keep(new RunningBridge(config));
        context.share(RunningBridge.class, bridge);

        IngestServer ingest = context.shared(IngestServer.class);
        TrackingEvents events = context.shared(TrackingEvents.class);
        IngestClient client = new IngestClient(ingest.url());
        int accepted = 0;
        ObjectNode example = null;
        for (int batch = 0; batch < EVENTS / 100; batch++) {
            List<ObjectNode> body = new ArrayList<>();
            for (int i = 0; i < 100; i++) body.add(events.adClickV2(10_000 + batch * 100 + i));
            accepted += client.post(NEW_TOPIC, body).accepted();
            example = body.get(body.size() - 1);
        }
        billing.awaitRead(EVENTS, Duration.ofSeconds(60));
        Waits.until(() -> bridge.metrics().translated() >= EVENTS, Duration.ofSeconds(30), "the bridge did not translate everything");

        GenericRecord seen = billing.last();
        context.detail("producers wrote " + accepted + " clicks to " + NEW_TOPIC + " (schema ad-clicks.v2-value), e.g. id "
                + example.path("id").asText().substring(0, 8) + "…: ad." + "ad_id=" + example.path("ad").path("ad_id").asText()
                + ", cost_micros=" + example.path("cost_micros").asLong() + ", slot=" + example.path("slot").asText());
        context.detail("the bridge translated " + bridge.metrics().translated() + " into " + OLD_TOPIC + " exactly once ("
                + bridge.metrics().deadLettered() + " dead-lettered) with " + MAPPING);
        context.detail("billing, still on " + OLD_TOPIC + ", read " + billing.read() + " of them in the old schema, e.g. click_id "
                + seen.get("click_id").toString().substring(0, 8) + "…: ad_id=" + seen.get("ad_id") + ", cost=" + decimal(seen)
                + " " + seen.get("currency") + ", placement=" + seen.get("placement"));
        context.story().count("migration.produced", accepted);
        context.story().count("bridge.translated", bridge.metrics().translated());
        context.story().count("bridge.deadLettered", bridge.metrics().deadLettered());
        context.story().count("billing.readFromOldTopic", billing.read());
        context.hint("curl http://127.0.0.1:" + bridge.httpPort() + "/health    # the bridge (also /metrics)");
        context.hint("./avrogate bridge status --mapping schemas/" + MAPPING + " --bootstrap-servers " + kafka
                + " --quiet-period 10s");
        return accepted + " clicks on " + NEW_TOPIC + ", " + bridge.metrics().translated() + " bridged to " + OLD_TOPIC
                + ", " + billing.read() + " read there by the old consumer";
    }

    /** The decimal cost as the old schema carries it (bytes with scale 6), for printing. */
    private static String decimal(GenericRecord click) {
        var field = click.getSchema().getField("cost");
        Object value = click.get("cost");
        if (value instanceof java.nio.ByteBuffer bytes) {
            var logical = (org.apache.avro.LogicalTypes.Decimal) field.schema().getLogicalType();
            return new org.apache.avro.Conversions.DecimalConversion().fromBytes(bytes.duplicate(), field.schema(), logical).toPlainString();
        }
        return String.valueOf(value);
    }
}
