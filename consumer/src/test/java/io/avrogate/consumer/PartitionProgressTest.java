package io.avrogate.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The commit rule of async acknowledgements (never past the lowest record not yet completed) and the in-flight count. */
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
    void inFlightCountsPendingRecordsOfEveryPartitionAndDropsThoseOfAnAbandonedOne() {
        AtomicInteger inFlight = new AtomicInteger();
        PartitionProgress first = new PartitionProgress(inFlight);
        PartitionProgress second = new PartitionProgress(inFlight);
        for (long offset = 0; offset < 3; offset++) first.handedOut(offset);
        second.handedOut(40);
        second.handedOut(40); // handed out again (e.g. redelivered): still one record
        assertThat(inFlight).hasValue(4);

        first.completed(1);
        first.completed(1); // a late duplicate acknowledgement
        assertThat(inFlight).hasValue(3);

        first.abandon(); // revoked with 0 and 2 pending
        assertThat(inFlight).hasValue(1);
        first.completed(2); // acknowledged after the revocation
        assertThat(inFlight).as("a late completion is not counted twice").hasValue(1);
        assertThat(first.committable()).as("an abandoned partition is never committed").isEqualTo(-1);
        second.completed(40);
        assertThat(inFlight).hasValue(0);
    }

    @Test
    void nothingHandedOutNothingToCommit() {
        assertThat(new PartitionProgress().committable()).isEqualTo(-1);
    }
}
