package io.avrogate.consumer;

import io.avrogate.consumer.ConsumerRunnerConfig.AckMode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes topics with a consumer group, deserializes each record ({@link RecordDecoder}), hands it to a
 * {@link RecordHandler} through the {@code ack.mode}'s {@link AckStrategy} and commits only what has been processed
 * ({@link PartitionProgress}): after each polled batch in sync mode, every 100 ms in async mode, and when partitions
 * are revoked and on {@link #close()}. Before revoked partitions are committed and given up, their records in flight
 * get up to {@code revocation.timeout.ms} to complete, so that a rebalance does not hand them to the next owner
 * again. Records that cannot be deserialized, or whose handler fails every attempt, go to the
 * {@link DeadLetterRouter}, which confirms them before their offsets can be committed. Delivery is at least once:
 * after a crash, or a rebalance that outlasts the revocation timeout, records processed but not committed come again.
 *
 * <pre>
 * try (ConsumerRunner&lt;String, GenericRecord&gt; runner = ConsumerRunner.&lt;String, GenericRecord&gt;builder(configs)
 *         .handler((record, ack) -&gt; store(record.value())).build().start()) { ... }
 * </pre>
 */
public final class ConsumerRunner<K, V> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConsumerRunner.class);
    /** async mode: how often safe offsets are committed while running (plus on revocation and close). */
    private static final long COMMIT_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long LAG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ConsumerRunnerConfig config;
    private final Consumer<byte[], byte[]> consumer;
    private final RecordDecoder<K, V> decoder;
    private final DeadLetterRouter deadLetters;
    private final AckStrategy<K, V> acks;
    private final RunnerMetrics metrics;
    private final StopSignal stop = new StopSignal();

    // Poll-thread state.
    private final Assignment assignment = new Assignment();
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>> backlog = new ArrayDeque<>();
    private long lastCommitNanos = System.nanoTime();
    private long lastLagNanos;
    private boolean paused;
    /** Set once shutdown has waited for outstanding acknowledgements: the revocation on close need not wait again. */
    private boolean closing;

    // Shared with other threads.
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Thread pollThread;
    private volatile Throwable failure;

    ConsumerRunner(ConsumerRunnerConfig config, Consumer<byte[], byte[]> consumer, Deserializer<K> keys,
            Deserializer<V> values, RecordHandler<K, V> handler, DeadLetterSink deadLetterSink,
            MeterRegistry meterRegistry, Iterable<Tag> meterTags) {
        this.config = config;
        this.consumer = consumer;
        this.metrics = new RunnerMetrics(meterRegistry, meterTags, config.groupId(), assignment.inFlight());
        RetryBackoff backoff = new RetryBackoff(config.getInt(ConsumerRunnerConfig.HANDLER_MAX_ATTEMPTS),
                config.getLong(ConsumerRunnerConfig.HANDLER_RETRY_BACKOFF_MS),
                config.getLong(ConsumerRunnerConfig.HANDLER_RETRY_BACKOFF_MAX_MS));
        this.decoder = new RecordDecoder<>(keys, values, backoff, stop);
        this.deadLetters = new DeadLetterRouter(deadLetterSink, metrics);
        this.acks = config.ackMode() == AckMode.SYNC
                ? new SyncAcknowledgement<>(handler, backoff, deadLetters, metrics, stop)
                : new AsyncAcknowledgement<>(handler, backoff, deadLetters, metrics, stop, assignment.inFlight(),
                        config.getInt(ConsumerRunnerConfig.MAX_IN_FLIGHT_RECORDS));
    }

    public static <K, V> ConsumerRunnerBuilder<K, V> builder(Map<String, ?> configs) {
        return new ConsumerRunnerBuilder<>(configs);
    }

    // ---- lifecycle --------------------------------------------------------------------------------------------

    /** Runs the consume loop on a new thread and returns at once. */
    public ConsumerRunner<K, V> start() {
        Thread thread = new Thread(() -> {
            try {
                run();
            } catch (RuntimeException | Error e) {
                log.error("consumer runner of group {} stopped: {}", config.groupId(), e.toString(), e);
            }
        }, "avrogate-consumer-" + config.groupId());
        thread.start();
        return this;
    }

    /**
     * Runs the consume loop on the calling thread until {@link #stop()} or {@link #close()}; then commits what is
     * safe and releases everything. Throws what stopped it, if it was not asked to stop.
     */
    public void run() {
        if (!started.compareAndSet(false, true)) throw new IllegalStateException("the runner was already started");
        pollThread = Thread.currentThread();
        running = true;
        try {
            consumer.subscribe(config.getList(ConsumerRunnerConfig.TOPICS), new Rebalances());
            loop();
        } catch (WakeupException e) {
            if (!stop.isRaised()) throw e;
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            try {
                shutdown();
            } finally {
                running = false;
                stopped.countDown();
            }
        }
    }

    /** Asks the loop to stop (from any thread, also from a handler); returns at once. */
    public void stop() {
        stop.raise();
        consumer.wakeup();
    }

    /** Stops, and waits until offsets are committed and the clients are closed. Idempotent. */
    @Override
    public void close() {
        stop();
        if (!started.get()) {
            if (started.compareAndSet(false, true)) releaseClients();
            return;
        }
        if (Thread.currentThread() == pollThread) return; // run() finishes the shutdown when the handler returns
        try {
            long waitMs = config.getLong(ConsumerRunnerConfig.SHUTDOWN_TIMEOUT_MS) + 30_000;
            if (!stopped.await(waitMs, TimeUnit.MILLISECONDS)) {
                log.warn("consumer runner of group {} did not stop within {} ms", config.groupId(), waitMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True from the start of {@link #run()} until it has shut down. */
    public boolean isRunning() {
        return running;
    }

    /** What stopped the runner when it was not asked to stop, or null. */
    public Throwable failure() {
        return failure;
    }

    public RunnerMetrics metrics() {
        return metrics;
    }

    // ---- the loop ---------------------------------------------------------------------------------------------

    private void loop() {
        while (!stop.isRaised()) {
            acks.settle();
            dispatchBacklog();
            if (stop.isRaised()) break;
            updatePause();
            commit(false);
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(acks.pollTimeout())) backlog.add(record);
            dispatchBacklog();
            commit(acks.commitsEveryBatch());
            updateLag();
        }
    }

    private void dispatchBacklog() {
        while (!backlog.isEmpty() && !stop.isRaised() && acks.acceptsMore()) {
            ConsumerRecord<byte[], byte[]> raw = backlog.poll();
            PartitionProgress partition = assignment.progress(raw.topic(), raw.partition());
            if (partition != null) dispatch(raw, partition);
        }
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> raw, PartitionProgress partition) {
        partition.handedOut(raw.offset());
        ConsumerRecord<K, V> record;
        try {
            record = decoder.decode(raw);
        } catch (RecordDecoder.Failure e) {
            deadLetters.route(new FailedRecord(raw, e.stage, e.getCause(), 0), partition);
            return;
        } catch (RecordDecoder.Interrupted e) {
            return; // left pending: not committed, read again next time
        }
        acks.dispatch(new Delivery<>(raw, record, partition));
    }

    /** No new records while records wait in the backlog or the in-flight limit is reached. */
    private void updatePause() {
        boolean full = !backlog.isEmpty() || !acks.acceptsMore();
        if (full) {
            consumer.pause(consumer.assignment()); // also pauses partitions assigned since the last pause
            paused = true;
        } else if (paused) {
            consumer.resume(consumer.paused());
            paused = false;
        }
    }

    // ---- commits ----------------------------------------------------------------------------------------------

    private void commit(boolean now) {
        if (!now && System.nanoTime() - lastCommitNanos < COMMIT_INTERVAL_NANOS) return;
        lastCommitNanos = System.nanoTime();
        commitSafeOffsets(assignment.partitions());
    }

    private void commitSafeOffsets(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = assignment.committable(partitions);
        if (offsets.isEmpty()) return;
        try {
            consumer.commitSync(offsets);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // The group moved on: these records will be delivered again to whoever owns them now.
            log.warn("commit of {} failed, records since the last commit will be redelivered: {}", offsets.keySet(),
                    e.getMessage());
            return;
        }
        assignment.committed(offsets);
        metrics.recordCommit();
    }

    /** At most once a second: how far each owned partition is behind its log end, for the lag gauges. */
    private void updateLag() {
        if (System.nanoTime() - lastLagNanos < LAG_INTERVAL_NANOS) return;
        lastLagNanos = System.nanoTime();
        for (TopicPartition tp : assignment.partitions()) metrics.recordLag(tp, consumer.currentLag(tp));
    }

    // ---- shutdown ---------------------------------------------------------------------------------------------

    private void shutdown() {
        try {
            acks.awaitOutstanding(config.getLong(ConsumerRunnerConfig.SHUTDOWN_TIMEOUT_MS));
            closing = true;
            try {
                commitSafeOffsets(assignment.partitions());
            } catch (WakeupException e) {
                commitSafeOffsets(assignment.partitions()); // the wakeup of stop() was still pending
            }
        } catch (RuntimeException e) {
            log.warn("final commit of group {} failed: {}", config.groupId(), e.toString());
        } finally {
            releaseClients();
        }
        log.info("consumer runner of group {} stopped: {}", config.groupId(), metrics);
    }

    private void releaseClients() {
        metrics.close(); // first: it stops reading the clients' metrics
        closeQuietly(consumer, "consumer");
        decoder.close();
        deadLetters.close();
    }

    static void closeQuietly(AutoCloseable closeable, String what) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("closing the {} failed: {}", what, e.toString());
        }
    }

    // ---- rebalances -------------------------------------------------------------------------------------------

    private final class Rebalances implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!closing) drain(partitions);
            try {
                commitSafeOffsets(partitions);
            } catch (WakeupException e) {
                commitSafeOffsets(partitions);
            } catch (KafkaException e) {
                log.warn("commit on revocation of {} failed: {}", partitions, e.toString());
            }
            forget(partitions);
            log.info("partitions revoked: {}", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions); // another member may own them already: committing now could overwrite its offsets
            log.warn("partitions lost: {}", partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) return;
            assignment.add(partitions);
            StartPositions.applyTo(consumer, partitions, config.startPosition(), config.groupId());
            log.info("partitions assigned: {}", partitions);
        }

        /**
         * Gives the records in flight of partitions about to be revoked time to complete, so that the commit covers
         * them and their next owner does not process them again. The group's rebalance waits meanwhile, hence the
         * bound; what is still pending after it is left to the next owner (at least once).
         */
        private void drain(Collection<TopicPartition> partitions) {
            long timeoutMs = config.getLong(ConsumerRunnerConfig.REVOCATION_TIMEOUT_MS);
            long started = System.nanoTime();
            int pending = acks.drain(assignment.progressOf(partitions), timeoutMs);
            if (pending > 0) {
                log.warn("{} record(s) of revoked partitions {} not acknowledged within {} ms ({}); their next owner"
                        + " processes them again", pending, partitions, timeoutMs,
                        ConsumerRunnerConfig.REVOCATION_TIMEOUT_MS);
            } else {
                log.debug("records in flight of {} drained in {} ms", partitions,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
        }

        private void forget(Collection<TopicPartition> partitions) {
            assignment.remove(partitions);
            metrics.forgetPartitions(partitions);
            Set<TopicPartition> gone = new HashSet<>(partitions);
            backlog.removeIf(r -> gone.contains(new TopicPartition(r.topic(), r.partition())));
        }
    }
}
