package io.avrogate.consumer;

import io.avrogate.consumer.ConsumerRunnerConfig.AckMode;
import io.avrogate.consumer.ConsumerRunnerConfig.StartPosition;
import io.avrogate.registry.client.RegistryClientException;
import io.avrogate.serde.deadletter.DeadLetterStage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes topics with a consumer group, deserializes each record, hands it to a {@link RecordHandler} and commits
 * only what has been processed.
 *
 * <ul>
 *   <li>The KafkaConsumer reads raw bytes; keys and values are deserialized here, one record at a time, so a record
 *       that cannot be deserialized (bad magic byte, unknown schema id, truncated) goes to the dead-letter sink and
 *       consumption continues, instead of {@code poll()} throwing on it forever.</li>
 *   <li>A failing handler is retried with exponential backoff ({@code handler.max.attempts}), then dead-lettered.</li>
 *   <li>A dead letter is confirmed by the sink before the record's offset is committed: nothing is lost.</li>
 *   <li>{@code ack.mode=sync}: one record after another, offsets committed after each polled batch.
 *       {@code ack.mode=async}: acknowledgements from any thread in any order; per partition only offsets below the
 *       lowest unacknowledged record are committed ({@link PartitionProgress}); at most
 *       {@code max.in.flight.records} outstanding, partitions paused while full.</li>
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
    private static final long ASYNC_COMMIT_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ConsumerRunnerConfig config;
    private final AckMode mode;
    private final Consumer<byte[], byte[]> consumer;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final RecordHandler<K, V> handler;
    private final DeadLetterSink deadLetters;
    private final RetryBackoff backoff;
    private final int maxInFlight;
    private final RunnerMetrics metrics = new RunnerMetrics();

    // Poll-thread state.
    private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>> backlog = new ArrayDeque<>();
    private final PriorityQueue<ScheduledRetry> retries = new PriorityQueue<>();
    private long lastCommitNanos = System.nanoTime();
    private boolean paused;

    // Shared with handler threads and with close().
    private final ConcurrentLinkedQueue<FailedAttempt> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger outstandingCalls = new AtomicInteger();
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object sleeper = new Object();
    private volatile boolean stopping;
    private volatile boolean running;
    private volatile Thread pollThread;
    private volatile Throwable failure;

    private ConsumerRunner(ConsumerRunnerConfig config, Consumer<byte[], byte[]> consumer, Deserializer<K> keys,
            Deserializer<V> values, RecordHandler<K, V> handler, DeadLetterSink deadLetters) {
        this.config = config;
        this.mode = config.ackMode();
        this.consumer = consumer;
        this.keyDeserializer = keys;
        this.valueDeserializer = values;
        this.handler = handler;
        this.deadLetters = deadLetters;
        this.backoff = new RetryBackoff(config.getInt(ConsumerRunnerConfig.HANDLER_MAX_ATTEMPTS),
                config.getLong(ConsumerRunnerConfig.HANDLER_RETRY_BACKOFF_MS),
                config.getLong(ConsumerRunnerConfig.HANDLER_RETRY_BACKOFF_MAX_MS));
        this.maxInFlight = config.getInt(ConsumerRunnerConfig.MAX_IN_FLIGHT_RECORDS);
    }

    public static <K, V> Builder<K, V> builder(Map<String, ?> configs) {
        return new Builder<>(configs);
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
            if (!stopping) throw e;
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
        stopping = true;
        consumer.wakeup();
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
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
        Duration pollTimeout = Duration.ofMillis(mode == AckMode.SYNC ? 500 : 20);
        while (!stopping) {
            settleFailures();
            runDueRetries();
            dispatchBacklog();
            if (stopping) break;
            updatePause();
            commit(false);
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(pollTimeout)) backlog.add(record);
            dispatchBacklog();
            commit(mode == AckMode.SYNC);
        }
    }

    private void dispatchBacklog() {
        while (!backlog.isEmpty() && !stopping && (mode == AckMode.SYNC || inFlight() < maxInFlight)) {
            ConsumerRecord<byte[], byte[]> raw = backlog.poll();
            PartitionProgress partition = progress.get(new TopicPartition(raw.topic(), raw.partition()));
            if (partition != null) dispatch(raw, partition);
        }
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> raw, PartitionProgress partition) {
        partition.handedOut(raw.offset());
        ConsumerRecord<K, V> record;
        try {
            record = deserialize(raw);
        } catch (DeserializationFailure e) {
            metrics.recordDeserializationFailure();
            deadLetter(new FailedRecord(raw, e.stage, e.getCause(), 0), partition);
            return;
        } catch (ShutdownInterruption e) {
            return; // left pending: not committed, read again next time
        }
        Delivery<K, V> delivery = new Delivery<>(raw, record, partition);
        if (mode == AckMode.SYNC) {
            handleSync(delivery);
        } else {
            callAsync(delivery, 1);
        }
    }

    /** Calls the handler until it succeeds or the attempts are used up; sleeps between attempts. */
    private void handleSync(Delivery<K, V> delivery) {
        for (int attempt = 1; ; attempt++) {
            SyncAck ack = new SyncAck();
            Throwable error;
            try {
                handler.handle(delivery.record, ack);
                error = ack.error;
            } catch (Exception e) {
                error = ack.acknowledged ? null : e;
            }
            if (error == null) {
                metrics.recordHandled();
                delivery.progress.completed(delivery.raw.offset());
                return;
            }
            if (!backoff.mayRetryAfter(attempt)) {
                deadLetter(new FailedRecord(delivery.raw, DeadLetterStage.HANDLER, error, attempt), delivery.progress);
                return;
            }
            log.debug("handler failed on {} (attempt {}): {}", coordinates(delivery.raw), attempt, error.toString());
            if (!sleep(backoff.delayBefore(attempt + 1))) return; // stopping: left pending
            metrics.recordRetry();
        }
    }

    private void callAsync(Delivery<K, V> delivery, int attempt) {
        AsyncAck ack = new AsyncAck(delivery, attempt);
        outstandingCalls.incrementAndGet();
        try {
            handler.handle(delivery.record, ack);
        } catch (Exception e) {
            ack.fail(e);
        }
    }

    /** async: failed attempts reported by handler threads are retried later or dead-lettered, on this thread. */
    private void settleFailures() {
        FailedAttempt failed;
        while ((failed = failures.poll()) != null) {
            Delivery<K, V> delivery = failed.delivery();
            if (!isCurrent(delivery)) continue; // partition revoked meanwhile: its new owner reads it again
            if (backoff.mayRetryAfter(failed.attempt())) {
                long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff.delayBefore(failed.attempt() + 1));
                retries.add(new ScheduledRetry(due, delivery, failed.attempt() + 1));
            } else {
                deadLetter(new FailedRecord(delivery.raw, DeadLetterStage.HANDLER, failed.error(), failed.attempt()),
                        delivery.progress);
            }
        }
    }

    private void runDueRetries() {
        long now = System.nanoTime();
        while (!retries.isEmpty() && retries.peek().dueNanos() <= now && !stopping) {
            ScheduledRetry retry = retries.poll();
            Delivery<K, V> delivery = retry.delivery();
            if (!isCurrent(delivery)) continue;
            metrics.recordRetry();
            callAsync(delivery, retry.attempt());
        }
    }

    private boolean isCurrent(Delivery<K, V> delivery) {
        return progress.get(new TopicPartition(delivery.raw.topic(), delivery.raw.partition())) == delivery.progress;
    }

    private int inFlight() {
        int total = 0;
        for (PartitionProgress partition : progress.values()) total += partition.pendingCount();
        return total;
    }

    /** async: no new records while records wait in the backlog or the in-flight limit is reached. */
    private void updatePause() {
        if (mode == AckMode.SYNC) return;
        boolean full = !backlog.isEmpty() || inFlight() >= maxInFlight;
        if (full) {
            consumer.pause(consumer.assignment()); // also pauses partitions assigned since the last pause
            paused = true;
        } else if (paused) {
            consumer.resume(consumer.paused());
            paused = false;
        }
    }

    // ---- deserialization and dead letters -----------------------------------------------------------------------

    private ConsumerRecord<K, V> deserialize(ConsumerRecord<byte[], byte[]> raw) {
        K key = deserialize(keyDeserializer, raw, raw.key(), DeadLetterStage.KEY_DESERIALIZATION);
        V value = deserialize(valueDeserializer, raw, raw.value(), DeadLetterStage.VALUE_DESERIALIZATION);
        return new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.timestamp(), raw.timestampType(),
                raw.serializedKeySize(), raw.serializedValueSize(), key, value, raw.headers(), raw.leaderEpoch());
    }

    private <T> T deserialize(Deserializer<T> deserializer, ConsumerRecord<byte[], byte[]> raw, byte[] data,
            DeadLetterStage stage) {
        for (int attempt = 1; ; attempt++) {
            try {
                return deserializer.deserialize(raw.topic(), raw.headers(), data);
            } catch (RuntimeException e) {
                if (!isRegistryUnavailable(e)) throw new DeserializationFailure(stage, e);
                long wait = backoff.delayBefore(attempt + 1);
                log.warn("cannot deserialize {}: the schema registry is unavailable ({}); retrying in {} ms",
                        coordinates(raw), e.getMessage(), wait);
                if (!sleep(wait)) throw new ShutdownInterruption();
            }
        }
    }

    /** The registry did not answer, or answered 5xx: a problem of the infrastructure, not of the record. */
    static boolean isRegistryUnavailable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RegistryClientException registry) {
                return registry.status() == RegistryClientException.UNREACHABLE || registry.status() >= 500;
            }
        }
        return false;
    }

    /** Hands the record to the sink and, once the sink has confirmed it, lets its offset be committed. */
    private void deadLetter(FailedRecord letter, PartitionProgress partition) {
        String where = coordinates(letter.record());
        if (deadLetters == null) {
            throw new IllegalStateException("cannot process " + where + " (" + letter.stage() + ": "
                    + letter.error().getMessage() + ") and no " + ConsumerRunnerConfig.DEAD_LETTER_TOPIC
                    + " is configured; stopping rather than skipping it", letter.error());
        }
        try {
            deadLetters.send(letter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering " + where, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write " + where + " to " + deadLetters + ": " + e.getMessage()
                    + "; stopping rather than skipping it", e);
        }
        metrics.recordDeadLettered();
        partition.completed(letter.record().offset());
        log.warn("{} sent to {}: {} failed{}: {}", where, deadLetters, letter.stage(),
                letter.attempts() > 0 ? " after " + letter.attempts() + " attempt(s)" : "", letter.error().toString());
    }

    private static String coordinates(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    // ---- commits ----------------------------------------------------------------------------------------------

    private void commit(boolean now) {
        if (!now && System.nanoTime() - lastCommitNanos < ASYNC_COMMIT_INTERVAL_NANOS) return;
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
            if (mode == AckMode.ASYNC) awaitOutstandingCalls();
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

    /** async: gives handler calls in progress time to acknowledge, so their offsets can be committed now. */
    private void awaitOutstandingCalls() {
        long deadline = System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(config.getLong(ConsumerRunnerConfig.SHUTDOWN_TIMEOUT_MS));
        while (outstandingCalls.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (outstandingCalls.get() > 0) {
            log.warn("{} record(s) still unacknowledged at shutdown; they will be delivered again",
                    outstandingCalls.get());
        }
    }

    private void releaseClients() {
        closeQuietly(consumer, "consumer");
        closeQuietly(keyDeserializer, "key deserializer");
        closeQuietly(valueDeserializer, "value deserializer");
        if (deadLetters != null) closeQuietly(deadLetters, "dead-letter sink");
    }

    private static void closeQuietly(AutoCloseable closeable, String what) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("closing the {} failed: {}", what, e.toString());
        }
    }

    /** Sleeps unless stopping; false when the runner is stopping (the caller abandons the record). */
    private boolean sleep(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (sleeper) {
            long left;
            while (!stopping && (left = deadline - System.currentTimeMillis()) > 0) {
                try {
                    sleeper.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return !stopping;
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
            for (TopicPartition tp : partitions) progress.put(tp, new PartitionProgress());
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
            partitions.forEach(progress::remove);
            backlog.removeIf(r -> gone.contains(new TopicPartition(r.topic(), r.partition())));
        }
    }

    // ---- records in flight ------------------------------------------------------------------------------------

    private record Delivery<K, V>(ConsumerRecord<byte[], byte[]> raw, ConsumerRecord<K, V> record,
            PartitionProgress progress) {}

    private record FailedAttempt(Delivery<?, ?> delivery0, int attempt, Throwable error) {
        @SuppressWarnings("unchecked")
        <K, V> Delivery<K, V> delivery() {
            return (Delivery<K, V>) delivery0;
        }
    }

    private record ScheduledRetry(long dueNanos, Delivery<?, ?> delivery0, int attempt)
            implements Comparable<ScheduledRetry> {
        @Override
        public int compareTo(ScheduledRetry other) {
            return Long.compare(dueNanos, other.dueNanos);
        }

        @SuppressWarnings("unchecked")
        <K, V> Delivery<K, V> delivery() {
            return (Delivery<K, V>) delivery0;
        }
    }

    /** sync: the outcome is known when the handler returns; the ack only lets it report a failure without throwing. */
    private static final class SyncAck implements Acknowledgement {
        volatile boolean acknowledged;
        volatile Throwable error;

        @Override
        public void acknowledge() {
            if (error == null) acknowledged = true;
        }

        @Override
        public void fail(Throwable error) {
            if (!acknowledged && this.error == null) this.error = Objects.requireNonNull(error, "error");
        }
    }

    /** async: completes the record's progress, or queues the failure for the poll thread. */
    private final class AsyncAck implements Acknowledgement {
        private final Delivery<K, V> delivery;
        private final int attempt;
        private final AtomicBoolean done = new AtomicBoolean();

        AsyncAck(Delivery<K, V> delivery, int attempt) {
            this.delivery = delivery;
            this.attempt = attempt;
        }

        @Override
        public void acknowledge() {
            if (!done.compareAndSet(false, true)) return;
            outstandingCalls.decrementAndGet();
            metrics.recordHandled();
            delivery.progress.completed(delivery.raw.offset());
        }

        @Override
        public void fail(Throwable error) {
            Objects.requireNonNull(error, "error");
            if (!done.compareAndSet(false, true)) return;
            outstandingCalls.decrementAndGet();
            failures.add(new FailedAttempt(delivery, attempt, error));
        }
    }

    private static final class DeserializationFailure extends RuntimeException {
        final DeadLetterStage stage;

        DeserializationFailure(DeadLetterStage stage, RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
            this.stage = stage;
        }
    }

    /** The runner is stopping while a record waits for the registry: the record stays uncommitted. */
    private static final class ShutdownInterruption extends RuntimeException {
        ShutdownInterruption() {
            super(null, null, false, false);
        }
    }

    // ---- construction -----------------------------------------------------------------------------------------

    /** Assembles a runner; deserializers not given are created from {@code key.deserializer}/{@code value.deserializer}. */
    public static final class Builder<K, V> {
        private final Map<String, ?> configs;
        private Deserializer<K> keyDeserializer;
        private Deserializer<V> valueDeserializer;
        private RecordHandler<K, V> handler;
        private DeadLetterSink deadLetterSink;

        private Builder(Map<String, ?> configs) {
            this.configs = Map.copyOf(configs);
        }

        /** A configured deserializer; the runner closes it. */
        public Builder<K, V> keyDeserializer(Deserializer<K> deserializer) {
            this.keyDeserializer = deserializer;
            return this;
        }

        /** A configured deserializer; the runner closes it. */
        public Builder<K, V> valueDeserializer(Deserializer<V> deserializer) {
            this.valueDeserializer = deserializer;
            return this;
        }

        public Builder<K, V> handler(RecordHandler<K, V> handler) {
            this.handler = handler;
            return this;
        }

        /** Where failed records go instead of {@code dead.letter.topic} (e.g. a file, or the console of a CLI). */
        public Builder<K, V> deadLetterSink(DeadLetterSink sink) {
            this.deadLetterSink = sink;
            return this;
        }

        public ConsumerRunner<K, V> build() {
            Objects.requireNonNull(handler, "a handler is required");
            ConsumerRunnerConfig config = new ConsumerRunnerConfig(configs);
            Map<String, Object> clientConfigs = config.passThrough();
            Deserializer<K> keys = keyDeserializer != null ? keyDeserializer
                    : deserializerFromConfig(clientConfigs, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, true);
            Deserializer<V> values = valueDeserializer != null ? valueDeserializer
                    : deserializerFromConfig(clientConfigs, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, false);
            Map<String, Object> consumerConfigs = new HashMap<>(clientConfigs);
            consumerConfigs.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
            consumerConfigs.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
            consumerConfigs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            // Only reached when a committed offset is out of range: never jump past unread records.
            consumerConfigs.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            DeadLetterSink sink = deadLetterSink;
            if (sink == null && config.deadLetterTopic() != null) {
                sink = new KafkaDeadLetterSink(config.deadLetterTopic(), config.groupId(), clientConfigs);
            }
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfigs, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            return new ConsumerRunner<>(config, consumer, keys, values, handler, sink);
        }

        @SuppressWarnings("unchecked")
        private static <T> Deserializer<T> deserializerFromConfig(Map<String, Object> configs, String key, boolean isKey) {
            Object value = configs.get(key);
            if (value == null) {
                throw new ConfigException(key, null, "no " + (isKey ? "key" : "value") + " deserializer: set " + key
                        + " (e.g. io.avrogate.serde.AvroDeserializer) or pass one to the builder");
            }
            Deserializer<T> deserializer;
            try {
                deserializer = value instanceof Class<?> type ? Utils.newInstance((Class<Deserializer<T>>) type)
                        : Utils.newInstance(value.toString().trim(), Deserializer.class);
            } catch (ClassNotFoundException | KafkaException e) {
                throw new ConfigException(key, value, "cannot create the deserializer: " + e.getMessage());
            }
            deserializer.configure(configs, isKey);
            return deserializer;
        }
    }
}
