package io.avrogate.cli;

import static io.avrogate.cli.SchemaRepoFixture.click;
import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.KafkaExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code avrogate topics plan|apply} against the real broker: create, alter, refuse unsafe changes, re-run idle. */
@ExtendWith(KafkaExtension.class)
class TopicsCommandTest {
    @TempDir
    Path tmp;

    @Test
    void planAndApplyCreateAndAlterTopicsAndASecondApplyChangesNothing(EmbeddedKafka kafka) throws Exception {
        String topic = "orders-" + UUID.randomUUID().toString().substring(0, 8);
        SchemaRepoFixture repo = declare(topic, "partitions: 2\n  configs:\n    cleanup.policy: compact\n    retention.ms: 1000000\n");

        SchemaRepoFixture.Result plan = topics(repo, kafka, "plan");
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        assertThat(plan.out()).contains("+ create " + topic + ": 2 partitions, cleanup.policy=compact, retention.ms=1000000");
        try (Admin admin = admin(kafka)) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).as("plan changes nothing").doesNotContain(topic);
        }

        SchemaRepoFixture.Result apply = topics(repo, kafka, "apply");
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(apply.out()).contains("applied 1 change(s)");
        assertTopic(kafka, topic, 2, "compact", "1000000");
        assertThat(topics(repo, kafka, "apply").out()).startsWith("no changes");

        declare(repo, topic, "partitions: 4\n  configs:\n    cleanup.policy: compact\n    retention.ms: 2000000\n");
        plan = topics(repo, kafka, "plan");
        assertThat(plan.out()).contains("~ alter " + topic + ": retention.ms 1000000 -> 2000000")
                .contains("~ partitions " + topic + ": 2 -> 4");
        assertThat(plan.err()).contains("warning: " + topic + " is keyed").contains("per-key order breaks");
        apply = topics(repo, kafka, "apply");
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertTopic(kafka, topic, 4, "compact", "2000000");
        SchemaRepoFixture.Result again = topics(repo, kafka, "apply");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out().strip()).isEqualTo("no changes: 1 topics as declared");
    }

    @Test
    void unsafeChangesAreRefusedWithOneLineEachAndNothingIsApplied(EmbeddedKafka kafka) throws Exception {
        String topic = "ledger-" + UUID.randomUUID().toString().substring(0, 8);
        SchemaRepoFixture repo = declare(topic, "partitions: 3\n  configs:\n    cleanup.policy: compact\n");
        assertThat(topics(repo, kafka, "apply").exitCode()).isZero();

        declare(repo, topic, "partitions: 2\n  configs:\n    retention.ms: 5000000\n");
        SchemaRepoFixture.Result decrease = topics(repo, kafka, "apply");
        assertThat(decrease.exitCode()).isEqualTo(1);
        assertThat(decrease.err()).contains("refused: " + topic + ": partitions cannot decrease (3 -> 2)")
                .contains("avrogate: 1 unsafe change(s) refused; nothing applied");
        assertTopic(kafka, topic, 3, "compact", "604800000");

        declare(repo, topic, "configs:\n    cleanup.policy: delete\n");
        SchemaRepoFixture.Result toDelete = topics(repo, kafka, "plan");
        assertThat(toDelete.exitCode()).isEqualTo(1);
        assertThat(toDelete.err().lines().filter(l -> l.startsWith("refused: ")).toList()).containsExactly(
                "refused: " + topic + ": cleanup.policy compact -> delete deletes old values of every key instead of"
                        + " keeping the latest one; rerun with --allow-unsafe if that is intended");
        assertThat(topics(repo, kafka, "apply").exitCode()).isEqualTo(1);
        assertTopic(kafka, topic, 3, "compact", "604800000");

        SchemaRepoFixture.Result allowed = topics(repo, kafka, "apply", "--allow-unsafe");
        assertThat(allowed.exitCode()).as(allowed.all()).isZero();
        assertTopic(kafka, topic, 3, "delete", "604800000");
        assertThat(topics(repo, kafka, "apply").out()).startsWith("no changes");
    }

    @Test
    void aBrokerThatIsDownIsAOneLineError() throws Exception {
        SchemaRepoFixture repo = declare("orders", "partitions: 1\n");
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SchemaRepoFixture.Result result = SchemaRepoFixture.run("topics", "plan", "--schemas", repo.schemas.toString(),
                "--bootstrap-servers", "127.0.0.1:" + closedPort);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).startsWith("avrogate: cannot reach Kafka at 127.0.0.1:" + closedPort)
                .doesNotContain("\n");
    }

    /** A schemas/ tree with a key and a value subject on {@code topic}, the value's topic-config as given. */
    private SchemaRepoFixture declare(String topic, String topicConfig) throws Exception {
        SchemaRepoFixture repo = new SchemaRepoFixture(tmp);
        repo.subject(topic + "-key", "topic: " + topic + "\nrole: key\n").version(topic + "-key", 1, "\"string\"");
        return declare(repo, topic, topicConfig);
    }

    private static SchemaRepoFixture declare(SchemaRepoFixture repo, String topic, String topicConfig) throws Exception {
        return repo.subject(topic + "-value", "topic: " + topic + "\ntopic-config:\n  " + topicConfig)
                .version(topic + "-value", 1, click(""));
    }

    private static SchemaRepoFixture.Result topics(SchemaRepoFixture repo, EmbeddedKafka kafka, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("topics"));
        command.addAll(List.of(args));
        command.addAll(List.of("--schemas", repo.schemas.toString(), "--bootstrap-servers", kafka.bootstrapServers()));
        return SchemaRepoFixture.run(command.toArray(String[]::new));
    }

    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }

    /** The topic as the broker has it, read with the Admin client rather than through the command under test. */
    private static void assertTopic(EmbeddedKafka kafka, String topic, int partitions, String cleanupPolicy,
                                    String retentionMs) throws Exception {
        try (Admin admin = admin(kafka)) {
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
            assertThat(description.partitions()).hasSize(partitions);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo(cleanupPolicy);
            assertThat(config.get("retention.ms").value()).isEqualTo(retentionMs);
        }
    }
}
