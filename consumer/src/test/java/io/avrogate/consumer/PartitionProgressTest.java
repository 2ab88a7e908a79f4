package io.avrogate.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The commit rule of async acknowledgements: never past the lowest record not yet completed. */
class PartitionProgressTest {

    @Test
    void commitsOnlyBelowTheLowestUnacknowledgedRecord() {
        PartitionProgress progress = new PartitionProgress();
        for (long offset = 10; offset < 15; offset++) progress.handedOut(offset);
        assertThat(progress.committable()).as("nothing completed: the first record is pending").isEqualTo(10);

        progress.completed(12);
        progress.completed(14);
        assertThat(progress.committable()).as("later records done, 10 still pending").isEqualTo(10);

        progress.completed(10);
        assertThat(progress.committable()).as("11 is now the lowest pending").isEqualTo(11);
        progress.committed(11);
        assertThat(progress.committable()).as("nothing new to commit").isEqualTo(-1);

        progress.completed(11);
        assertThat(progress.committable()).as("12 and 14 done, 13 pending").isEqualTo(13);
        progress.completed(13);
        assertThat(progress.committable()).as("all done: after the last handed-out record").isEqualTo(15);
        assertThat(progress.pendingCount()).isZero();
    }

    @Test
    void offsetGapsAreNotWaitedFor() {
        PartitionProgress progress = new PartitionProgress();
        progress.handedOut(3); // offsets 4..6 are transaction markers or compacted away
        progress.handedOut(7);
        progress.completed(7);
        assertThat(progress.committable()).isEqualTo(3);
        progress.completed(3);
        assertThat(progress.committable()).isEqualTo(8);
    }

    @Test
    void nothingHandedOutNothingToCommit() {
        assertThat(new PartitionProgress().committable()).isEqualTo(-1);
    }
}
