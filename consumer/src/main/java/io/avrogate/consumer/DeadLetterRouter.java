package io.avrogate.consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records the runner gives up on to the {@link DeadLetterSink} and, once the sink has confirmed one, marks it
 * completed so its offset may be committed. Without a sink, or when the sink fails, the runner stops: a record is
 * never skipped silently.
 */
final class DeadLetterRouter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterRouter.class);

    private final DeadLetterSink sink;
    private final RunnerMetrics metrics;

    /** @param sink where failed records go, or null for none (the first failed record stops the runner) */
    DeadLetterRouter(DeadLetterSink sink, RunnerMetrics metrics) {
        this.sink = sink;
        this.metrics = metrics;
    }

    /** Poll thread only. Throws (stopping the runner) when the record cannot be stored. */
    void route(FailedRecord failed, PartitionProgress partition) {
        String where = Delivery.coordinates(failed.record());
        if (sink == null) {
            throw new IllegalStateException("cannot process " + where + " (" + failed.stage() + ": "
                    + failed.error().getMessage() + ") and no " + ConsumerRunnerConfig.DEAD_LETTER_TOPIC
                    + " is configured; stopping rather than skipping it", failed.error());
        }
        try {
            sink.send(failed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering " + where, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write " + where + " to " + sink + ": " + e.getMessage()
                    + "; stopping rather than skipping it", e);
        }
        metrics.recordDeadLettered(failed.record().topic(), failed.stage());
        partition.completed(failed.record().offset());
        log.warn("{} sent to {}: {} failed{}: {}", where, sink, failed.stage(),
                failed.attempts() > 0 ? " after " + failed.attempts() + " attempt(s)" : "", failed.error().toString());
    }

    @Override
    public void close() {
        if (sink != null) ConsumerRunner.closeQuietly(sink, "dead-letter sink");
    }
}
