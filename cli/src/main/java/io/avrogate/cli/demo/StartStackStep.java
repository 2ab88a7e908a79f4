package io.avrogate.cli.demo;

import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.EmbeddedKafka;
import java.util.Map;

/** Starts a real single-node Kafka broker (KRaft) and our schema registry in this JVM, on free ports. */
final class StartStackStep implements DemoStep {
    /** The running broker and registry every later step works on. */
    record Stack(EmbeddedKafka kafka, RegistryServer registry) implements Result {
        String bootstrapServers() {
            return kafka.bootstrapServers();
        }

        String registryUrl() {
            return registry.url();
        }

        @Override
        public String summary() {
            return "Kafka at " + bootstrapServers() + ", registry at " + registryUrl();
        }
    }

    @Override
    public String title() {
        return "Start a Kafka broker and the schema registry";
    }

    Stack run(DemoContext context) {
        EmbeddedKafka kafka = context.keep(EmbeddedKafka.start());
        RegistryServer registry = context.keep(RegistryServer.start(Map.of(
                "listeners", "http://127.0.0.1:0",
                "kafkastore.bootstrap.servers", kafka.bootstrapServers(),
                "kafkastore.topic.replication.factor", "1",
                // Nothing is in flight when the demo ends; a graceful stop would only wait out idle keep-alive
                // connections of the registry clients.
                "avrogate.shutdown.timeout.ms", "0")));
        context.hint("Kafka bootstrap servers: " + kafka.bootstrapServers());
        context.hint("Schema registry:         " + registry.url() + "   (health: " + registry.url() + "/health)");
        context.hint("curl " + registry.url() + "/subjects");
        return new Stack(kafka, registry);
    }
}
