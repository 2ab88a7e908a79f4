package io.avrogate.cli.demo;

import io.avrogate.bridge.BridgeConfig;
import io.avrogate.bridge.status.DecommissionCheck;
import io.avrogate.bridge.status.DecommissionReport;
import io.avrogate.bridge.status.ObservationStore;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;

/**
 * When may the bridge be switched off? {@code bridge status} asks Kafka who still reads the old topic: while the
 * billing group reads it, NOT SAFE; once billing has moved to the new topic and nobody has read the old one for the
 * quiet period (7 days by default, a few seconds here), SAFE.
 */
final class DecommissionStep implements DemoStep {
    static final Duration QUIET_PERIOD = Duration.ofSeconds(3);
    static final int EVENTS_AFTER_MOVE = 100;

    @Override
    public String title() {
        return "Ask 'bridge status' whether the bridge can be switched off";
    }

    /** What 'bridge status' said before and after billing moved off the old topic. */
    record Decommissioned(boolean safeBeforeMove, boolean safeAfterMove, String oldTopic) implements Result {
        @Override
        public String summary() {
            return "first NOT SAFE (billing still reads " + oldTopic + "), then SAFE once billing had moved";
        }
    }

    /** Moves billing ({@code bridged}) to the new topic, where more clicks arrive through {@code ingested}'s service. */
    Decommissioned run(DemoContext context, StartStackStep.Stack stack, IngestEventsStep.Ingested ingested,
            BreakingChangeStep.Bridged bridged) throws Exception {
        RunningBridge bridge = bridged.bridge();
        BridgeConfig config = bridge.config();
        Properties admin = config.clientProperties("admin");
        try (Admin client = Admin.create(admin);
             ObservationStore store = new ObservationStore(client, config.getString(BridgeConfig.STATUS_TOPIC), admin)) {
            DecommissionCheck check = new DecommissionCheck(client, store, System::currentTimeMillis);

            DecommissionReport before = check.run(config.targetTopic(), config.sourceTopic(), config.groupId(), QUIET_PERIOD);
            context.detail("while billing reads " + config.targetTopic() + ": " + verdict(before));
            if (before.safe()) throw new IllegalStateException("status said SAFE while billing still read " + config.targetTopic());

            // Billing moves: its old consumer stops, a consumer of the same group reads the new topic natively.
            bridged.billing().close();
            DemoConsumer moved = context.keep(new DemoConsumer(stack.bootstrapServers(), stack.registryUrl(),
                    bridged.billingGroup(), config.sourceTopic())).awaitAssignment(Duration.ofSeconds(30));
            IngestClient ingest = new IngestClient(ingested.server().url());
            TrackingEvents events = ingested.events();
            var body = new java.util.ArrayList<com.fasterxml.jackson.databind.node.ObjectNode>();
            for (int i = 0; i < EVENTS_AFTER_MOVE; i++) body.add(events.adClickV2(20_000 + i));
            ingest.post(config.sourceTopic(), body);
            moved.awaitRead(EVENTS_AFTER_MOVE, Duration.ofSeconds(60));
            long total = bridged.produced() + EVENTS_AFTER_MOVE;
            Waits.until(() -> bridge.metrics().translated() >= total && bridge.metrics().lag() == 0, Duration.ofSeconds(30),
                    "the bridge did not catch up");
            context.detail("billing moved to " + config.sourceTopic() + " and read the next " + moved.read()
                    + " clicks there in the new schema");

            check.run(config.targetTopic(), config.sourceTopic(), config.groupId(), QUIET_PERIOD);
            Thread.sleep(QUIET_PERIOD.toMillis() + 500);
            DecommissionReport after = check.run(config.targetTopic(), config.sourceTopic(), config.groupId(), QUIET_PERIOD);
            context.detail("after a quiet period of " + QUIET_PERIOD.toSeconds() + " s (7 days by default): " + verdict(after));
            context.story().count("status.safeBeforeMove", before.safe() ? 1 : 0);
            context.story().count("status.safeAfterMove", after.safe() ? 1 : 0);
            context.story().count("billing.readFromNewTopic", moved.read());
            if (!after.safe()) throw new IllegalStateException("status still NOT SAFE after billing moved: " + after.reasons());
            return new Decommissioned(before.safe(), after.safe(), config.targetTopic());
        }
    }

    private static String verdict(DecommissionReport report) {
        return report.safe() ? "SAFE" : "NOT SAFE: " + String.join("; ", report.reasons());
    }
}
