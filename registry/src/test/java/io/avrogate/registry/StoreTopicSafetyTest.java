package io.avrogate.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which store topics can lose acknowledged schemas when one broker fails. */
class StoreTopicSafetyTest {
    @Test
    void oneReplicaIsAllASingleBrokerCanGive() {
        assertThat(StoreTopic.unsafety("_schemas", 1, (short) 3, 1, 1)).isNull();
    }

    @Test
    void fewerReplicasThanTheClusterCanGiveIsRefusedWithTheFix() {
        assertThat(StoreTopic.unsafety("_schemas", 3, (short) 3, 1, 1))
                .contains("1 replica(s) on a cluster of 3 brokers").contains("replication factor 3");
        assertThat(StoreTopic.unsafety("_schemas", 5, (short) 3, 2, 2)).contains("replication factor 3");
        // The operator asked for fewer replicas than the cluster has: that is a choice, not an accident.
        assertThat(StoreTopic.unsafety("_schemas", 3, (short) 2, 2, 2)).isNull();
    }

    @Test
    void threeReplicasWithMinInsyncOneIsRefusedWithTheCommandThatFixesIt() {
        assertThat(StoreTopic.unsafety("_schemas", 3, (short) 3, 3, 1))
                .contains("min.insync.replicas=1").contains("--add-config min.insync.replicas=2");
        assertThat(StoreTopic.unsafety("_schemas", 3, (short) 3, 3, 2)).isNull();
    }
}
