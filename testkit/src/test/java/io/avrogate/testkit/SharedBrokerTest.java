package io.avrogate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.TestClassOrder(org.junit.jupiter.api.ClassOrderer.OrderAnnotation.class)
class SharedBrokerTest {
    static EmbeddedKafka seenByFirst;

    @ExtendWith(KafkaExtension.class)
    @org.junit.jupiter.api.Nested
    @org.junit.jupiter.api.Order(1)
    class First {
        @Test
        void recordsTheBroker(EmbeddedKafka kafka) {
            seenByFirst = kafka;
            assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
        }
    }

    @ExtendWith(KafkaExtension.class)
    @org.junit.jupiter.api.Nested
    @org.junit.jupiter.api.Order(2)
    class Second {
        @Test
        void getsTheSameBroker(EmbeddedKafka kafka) {
            assertThat(seenByFirst).isNotNull();
            assertThat(kafka).isSameAs(seenByFirst);
            assertThat(kafka.clusterId()).isEqualTo(seenByFirst.clusterId());
        }
    }

    @Test
    void aKeptDataDirectorySurvivesARestartWithItsClusterId(@TempDir Path dir) throws Exception {
        String clusterId;
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir).start()) {
            clusterId = kafka.clusterId();
            kafka.createTopic("kept", 1);
        }
        assertThat(Files.isDirectory(dir)).isTrue();
        try (EmbeddedKafka again = EmbeddedKafka.builder().dataDir(dir).start();
             var admin = again.admin()) {
            assertThat(again.clusterId()).isEqualTo(clusterId);
            assertThat(admin.listTopics().names().get()).contains("kept");
        }
    }
}
