package io.avrogate.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avrogate.bridge.BridgeConfig;
import io.avrogate.bridge.BridgeRunner;
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
    /** The topics the mapping names, for the title; the work reads them from the mapping itself. */
    static final String OLD_TOPIC = "ad-clicks";
    static final String NEW_TOPIC = "ad-clicks.v2";
    static final String OLD_CONSUMER_GROUP = "billing";
    static final int EVENTS = 300;

    /**
     * The running bridge (its config names the old and the new topic), the billing team's consumer still on the old
     * topic, how many clicks the producers wrote to the new topic, and how many of them the bridge had translated and
     * billing had read when the step ended.
     */
    record Bridged(RunningBridge bridge, DemoConsumer billing, String billingGroup, int produced, long translated,
            long readByBilling) implements Result {
        @Override
        public String summary() {
            return produced + " clicks on " + bridge.config().sourceTopic() + ", " + translated + " bridged to "
                    + bridge.config().targetTopic() + ", " + readByBilling + " read there by the old consumer";
        }
    }

    @Override
    public String title() {
        return "Breaking change: producers move to " + NEW_TOPIC + ", the bridge keeps " + OLD_TOPIC + " fed";
    }

    /** Producers send new clicks through the ingest service of {@code ingested}, with its click generator. */
    Bridged run(DemoContext context, StartStackStep.Stack stack, IngestEventsStep.Ingested ingested) throws Exception {
        String kafka = stack.bootstrapServers();
        String registry = stack.registryUrl();
        BridgeConfig config = BridgeRunner.config(Map.of(
                BridgeConfig.BOOTSTRAP_SERVERS, kafka,
                BridgeConfig.SCHEMA_REGISTRY_URL, registry,
                BridgeConfig.MAPPING, context.schemas().resolve(MAPPING).toString(),
                BridgeConfig.INSTANCE_ID, "demo-bridge",
                BridgeConfig.HTTP_PORT, "0",
                // The demo takes its own status samples, at the moments the story needs them.
                BridgeConfig.OBSERVE_INTERVAL_MS, "-1"));
        String oldTopic = config.targetTopic();
        String newTopic = config.sourceTopic();
        DemoConsumer billing = context.keep(new DemoConsumer(kafka, registry, OLD_CONSUMER_GROUP, oldTopic))
                .awaitAssignment(Duration.ofSeconds(30));
        RunningBridge bridge = context.keep(new RunningBridge(config));

        TrackingEvents events = ingested.events();
        IngestClient client = new IngestClient(ingested.server().url());
        int accepted = 0;
        ObjectNode example = null;
        for (int batch = 0; batch < EVENTS / 100; batch++) {
            List<ObjectNode> body = new ArrayList<>();
            for (int i = 0; i < 100; i++) body.add(events.adClickV2(10_000 + batch * 100 + i));
            accepted += client.post(newTopic, body).accepted();
            example = body.get(body.size() - 1);
        }
        billing.awaitRead(EVENTS, Duration.ofSeconds(60));
        Waits.until(() -> bridge.metrics().translated() >= EVENTS, Duration.ofSeconds(30), "the bridge did not translate everything");

        GenericRecord seen = billing.last();
        context.detail("producers wrote " + accepted + " clicks to " + newTopic + " (schema ad-clicks.v2-value), e.g. id "
                + example.path("id").asText().substring(0, 8) + "…: ad." + "ad_id=" + example.path("ad").path("ad_id").asText()
                + ", cost_micros=" + example.path("cost_micros").asLong() + ", slot=" + example.path("slot").asText());
        context.detail("the bridge translated " + bridge.metrics().translated() + " into " + oldTopic + " exactly once ("
                + bridge.metrics().deadLettered() + " dead-lettered) with " + MAPPING);
        context.detail("billing, still on " + oldTopic + ", read " + billing.read() + " of them in the old schema, e.g. click_id "
                + seen.get("click_id").toString().substring(0, 8) + "…: ad_id=" + seen.get("ad_id") + ", cost=" + decimal(seen)
                + " " + seen.get("currency") + ", placement=" + seen.get("placement"));
        context.story().count("migration.produced", accepted);
        context.story().count("bridge.translated", bridge.metrics().translated());
        context.story().count("bridge.deadLettered", bridge.metrics().deadLettered());
        context.story().count("billing.readFromOldTopic", billing.read());
        context.hint("curl http://127.0.0.1:" + bridge.httpPort() + "/health    # the bridge (also /metrics)");
        context.hint("./avrogate bridge status --mapping schemas/" + MAPPING + " --bootstrap-servers " + kafka
                + " --quiet-period 10s");
        return new Bridged(bridge, billing, OLD_CONSUMER_GROUP, accepted, bridge.metrics().translated(), billing.read());
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
