package io.avrogate.bridge;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Before the loop starts: the source and target topics must exist (a typo must not silently create a topic or
 * stall on metadata), and the dead-letter topic is created when missing, so that the first bad record does not
 * block the bridge.
 */
final class TopicCheck {
    private TopicCheck() {}

    static void prepare(Admin admin, BridgeConfig config) {
        try {
            Set<String> names = admin.listTopics().names().get();
            for (String topic : List.of(config.sourceTopic(), config.targetTopic())) {
                if (!names.contains(topic)) {
                    throw new ConfigException("topic '" + topic + "' does not exist (set " + BridgeConfig.SOURCE_TOPIC
                            + " / " + BridgeConfig.TARGET_TOPIC + " if the mapping's subjects do not name the topics)");
                }
            }
            if (!names.contains(config.dlqTopic())) {
                try {
                    admin.createTopics(List.of(new NewTopic(config.dlqTopic(), Optional.empty(), Optional.empty()))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) throw e;
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot check the bridge's topics: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
