package io.avrogate.registry.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avrogate.registry.RegistryConfig;
import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.EmbeddedKafkaCluster;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The registry's store topic on a 3-broker cluster: created safe, and an unsafe one refused unless allowed. */
@Tag("cluster")
class StoreTopicOnClusterTest {
    private static EmbeddedKafkaCluster cluster;

    @BeforeAll
    static void start() {
        cluster = EmbeddedKafkaCluster.start(3);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static Map<String, Object> registry(String topic, boolean unsafeAllowed) {
        return Map.of(RegistryConfig.LISTENERS, "http://127.0.0.1:0", RegistryConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers(),
                RegistryConfig.TOPIC, topic, RegistryConfig.UNSAFE_TOPIC_ALLOWED, Boolean.toString(unsafeAllowed));
    }

    @Test
    void aNewStoreTopicIsReplicatedThreeTimesWithMinInsyncTwo() throws Exception {
        try (RegistryServer ignored = RegistryServer.start(registry("_schemas_new", false)); Admin admin = cluster.admin()) {
            int replicas = admin.describeTopics(List.of("_schemas_new")).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get("_schemas_new").partitions().get(0).replicas().size();
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "_schemas_new");
            Config config = admin.describeConfigs(Set.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            assertThat(replicas).isEqualTo(3);
            assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void anUnreplicatedStoreTopicIsRefusedUnlessAllowed() {
        cluster.createTopic("_schemas_rf1", 1, 1, Map.of("cleanup.policy", "compact"));
        assertThatThrownBy(() -> RegistryServer.start(registry("_schemas_rf1", false)))
                .hasMessageContaining("1 replica(s) on a cluster of 3 brokers")
                .hasMessageContaining(RegistryConfig.UNSAFE_TOPIC_ALLOWED);
        try (RegistryServer started = RegistryServer.start(registry("_schemas_rf1", true))) {
            assertThat(started.url()).startsWith("http://127.0.0.1:");
        }
    }
}
