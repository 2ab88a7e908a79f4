package io.avrogate.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** subject.yaml's topic-config block: what it accepts, and the one-line errors check reports offline. */
class TopicSettingsTest {
    private static TopicSettings parse(String block) {
        return SubjectConfig.parse("topic: orders\ntopic-config:\n" + block, "s.yaml").topicSettings().orElseThrow();
    }

    @Test
    void readsPartitionsReplicationAndConfigs() {
        TopicSettings settings = parse("""
                  partitions: 6
                  replication-factor: 3
                  configs:
                    cleanup.policy: delete, compact
                    retention.ms: 604800000
                    min.insync.replicas: 2
                """);
        assertThat(settings.partitions()).hasValue(6);
        assertThat(settings.replicationFactor()).hasValue(3);
        assertThat(settings.configs()).isEqualTo(Map.of("cleanup.policy", "compact,delete", "retention.ms", "604800000",
                "min.insync.replicas", "2"));
        assertThat(SubjectConfig.parse("topic: orders\n", "s.yaml").topicSettings()).isEmpty();
    }

    @Test
    void rejectsWhatTheBrokerWouldRejectWithTheKeyAndASuggestion() {
        assertThatThrownBy(() -> parse("  partitions: 0\n")).hasMessage("s.yaml: topic-config.partitions must be at least 1, not 0");
        assertThatThrownBy(() -> parse("  partitions: three\n")).hasMessageContaining("partitions must be a whole number");
        assertThatThrownBy(() -> parse("  partitons: 3\n")).hasMessageContaining("unknown key 'partitons'")
                .hasMessageContaining("did you mean 'partitions'?");
        assertThatThrownBy(() -> parse("  configs:\n    cleanup.policy: compacted\n"))
                .hasMessageContaining("unknown policy 'compacted'").hasMessageContaining("did you mean 'compact'?");
        assertThatThrownBy(() -> parse("  configs:\n    retention.msec: 10\n"))
                .hasMessageContaining("unknown topic config 'retention.msec'").hasMessageContaining("did you mean 'retention.ms'?");
        assertThatThrownBy(() -> parse("  configs:\n    retention.ms: a week\n"))
                .hasMessageContaining("retention.ms must be a whole number");
        assertThatThrownBy(() -> parse("  replication-factor: 1\n  configs:\n    min.insync.replicas: 2\n"))
                .hasMessageContaining("min.insync.replicas 2 exceeds replication-factor 1");
        assertThatThrownBy(() -> SubjectConfig.parse("topic: t\ntopic_config:\n  partitions: 1\n", "s.yaml"))
                .hasMessageContaining("did you mean 'topic-config'?");
    }
}
