package io.avrogate.cli;

import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.EmbeddedKafkaCluster;
import io.avrogate.testkit.InProcessKafka;
import java.nio.file.Path;

/**
 * Starts the in-process Kafka of {@code up}. A class of its own because its signatures name broker types: picocli
 * reflects on every command class's methods, and the broker jars are on the class path only for {@code up} and
 * {@code demo} (see {@code CommandClassesTest}).
 */
final class LocalKafka {
    private LocalKafka() {}

    /** One broker, or a KRaft cluster of {@code brokers} nodes on consecutive ports from {@code port}. */
    static InProcessKafka start(int brokers, int port, Path dataDir) {
        if (brokers == 1) {
            EmbeddedKafka.Builder builder = EmbeddedKafka.builder().port(port);
            if (dataDir != null) builder.dataDir(dataDir);
            return builder.start();
        }
        EmbeddedKafkaCluster.Builder builder = EmbeddedKafkaCluster.builder().brokers(brokers).basePort(port);
        if (dataDir != null) builder.dataDir(dataDir);
        return builder.start();
    }
}
