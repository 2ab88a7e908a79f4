package io.avrogate.consumer;

import io.avrogate.consumer.ConsumerRunnerConfig.AckMode;
import io.avrogate.consumer.ConsumerRunnerConfig.StartPosition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Consumes topics with a consumer group, deserializes each record, hands it to a {@link RecordHandler} and commits
 * only what has been processed.
 *
 * <ul>
 *   <li>The KafkaConsumer reads raw bytes; keys and values are deserialized per record ({@link RecordDecoder}), so a
 *       record that cannot be deserialized goes to the dead-letter sink and consumption continues.</li>
 *   <li>A failing handler is retried with exponential backoff ({@code handler.max.attempts}), then dead-lettered.</li>
 *   <li>A dead letter is confirmed by the sink before the record's offset is committed: nothing is lost.</li>
 *   <li>{@code ack.mode=sync} ({@link SyncAcknowledgement}): one record after another, offsets committed after each
 *       polled batch. {@code ack.mode=async} ({@link AsyncAcknowledgement}): acknowledgements from any thread in any
 *       order; per partition only offsets below the lowest unacknowledged record are committed
 *       ({@link PartitionProgress}); at most {@code max.in.flight.records} outstanding, partitions paused while
 *       full.</li>
 *   <li>Safe offsets are committed when partitions are revoked and on {@link #close()}.</li>
 * </ul>
 *
 * Delivery is at least once: after a crash or a rebalance, records processed but not yet committed come again.
 * A registry that cannot be reached is not the record's fault: such records are retried until it answers (or the
 * runner stops), never dead-lettered.
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

    private final ConsumerRunnerConfig config;
    private final Consumer<byte[], byte[]> consumer;
    private final RecordDecoder<K, V> decoder;
    private final DeadLetterRouter deadLetters;
    private final AckStrategy<K, V> acks;
    private final RunnerMetrics metrics = new RunnerMetrics();
    private final StopSignal stop = new StopSignal();

    // Poll-thread state.
    private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>> backlog = new ArrayDeque<>();
    /** Records handed out and not yet completed, over all partitions (kept by their {@link PartitionProgress}). */
    private final AtomicInteger inFlight = new AtomicInteger();
    private long lastCommitNanos = System.nanoTime();
    private boolean paused;

    // Shared with other threads.
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Thread pollThread;
    private volatile Throwable failure;

    ConsumerRunner(ConsumerRunnerConfig config, Consumer<byte[], byte[]> consumer, Deserializer<K> keys,
            Deserializer<V> values, RecordHandler<K, V> handler, DeadLetterSink deadLetterSink) {
        this.config = config;
        this.consumer = consumer;
        RetryBackoff backoff = new RetryBackoff(config.getInt(ConsumerRunnerConfig.HANDLER_MAX_ATTEMPTS),
                config.getLong(ConsumerRunnerConfig.HANDLER_RETRY_BACKOFF_MS),
                config.getLong(ConsumerRunnerConfig.HANDLER_RETRY_BACKOFF_MAX_MS));
        this.decoder = new RecordDecoder<>(keys, values, backoff, stop);
        this.deadLetters = new DeadLetterRouter(deadLetterSink, metrics);
        this.acks = config.ackMode() == AckMode.SYNC
                ? new SyncAcknowledgement<>(handler, backoff, deadLetters, metrics, stop)
                : new AsyncAcknowledgement<>(handler, backoff, deadLetters, metrics, stop, inFlight,
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
        }
    }

    private void dispatchBacklog() {
        while (!backlog.isEmpty() && !stop.isRaised() && acks.acceptsMore()) {
            ConsumerRecord<byte[], byte[]> raw = backlog.poll();
            PartitionProgress partition = progress.get(new TopicPartition(raw.topic(), raw.partition()));
            if (partition != null) dispatch(raw, partition);
        }
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> raw, PartitionProgress partition) {
        partition.handedOut(raw.offset());
        ConsumerRecord<K, V> record;
        try {
            record = decoder.decode(raw);
        } catch (RecordDecoder.Failure e) {
            metrics.recordDeserializationFailure();
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
        commitSafeOffsets(progress.keySet());
    }

    private void commitSafeOffsets(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            PartitionProgress partition = progress.get(tp);
            long offset = partition == null ? -1 : partition.committable();
            if (offset >= 0) offsets.put(tp, new OffsetAndMetadata(offset));
        }
        if (offsets.isEmpty()) return;
        try {
            consumer.commitSync(offsets);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // The group moved on: these records will be delivered again to whoever owns them now.
            log.warn("commit of {} failed, records since the last commit will be redelivered: {}", offsets.keySet(),
                    e.getMessage());
            return;
        }
        offsets.forEach((tp, offset) -> progress.get(tp).committed(offset.offset()));
        metrics.recordCommit();
    }

    // ---- shutdown ---------------------------------------------------------------------------------------------

    private void shutdown() {
        try {
            acks.awaitOutstanding(config.getLong(ConsumerRunnerConfig.SHUTDOWN_TIMEOUT_MS));
            try {
                commitSafeOffsets(progress.keySet());
            } catch (WakeupException e) {
                commitSafeOffsets(progress.keySet()); // the wakeup of stop() was still pending
            }
        } catch (RuntimeException e) {
            log.warn("final commit of group {} failed: {}", config.groupId(), e.toString());
        } finally {
            releaseClients();
        }
        log.info("consumer runner of group {} stopped: {}", config.groupId(), metrics);
    }

    private void releaseClients() {
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
            for (TopicPartition tp : partitions) {
                PartitionProgress previous = progress.put(tp, new PartitionProgress(inFlight));
                if (previous != null) previous.abandon();
            }
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
            List<TopicPartition> fresh = new ArrayList<>();
            for (TopicPartition tp : partitions) if (committed.get(tp) == null) fresh.add(tp);
            if (!fresh.isEmpty()) {
                if (config.startPosition() == StartPosition.EARLIEST) {
                    consumer.seekToBeginning(fresh);
                } else {
                    consumer.seekToEnd(fresh);
                    // Pin the start: a crash before the first commit must not move it to a later end.
                    Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
                    for (TopicPartition tp : fresh) start.put(tp, new OffsetAndMetadata(consumer.position(tp)));
                    consumer.commitSync(start);
                }
                log.info("partitions {} have no committed offset in group {}: starting at the {}", fresh,
                        config.groupId(), config.startPosition().name().toLowerCase());
            }
            log.info("partitions assigned: {}", partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            Set<TopicPartition> gone = new HashSet<>(partitions);
            for (TopicPartition tp : partitions) {
                PartitionProgress dropped = progress.remove(tp);
                if (dropped != null) dropped.abandon();
            }
            backlog.removeIf(r -> gone.contains(new TopicPartition(r.topic(), r.partition())));
        }
    }
}
