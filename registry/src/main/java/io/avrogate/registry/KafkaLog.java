package io.avrogate.registry;

import static io.avrogate.registry.RegistryError.*;

import io.avrogate.server.ServerMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's state as a Kafka log: a background reader applies every committed record of the single-partition
 * compacted topic to {@link RegistryState}; writes go through one transactional producer.
 *
 * <p>Why this makes the writer single by construction: every instance on a topic uses the same transactional.id.
 * {@code initTransactions} fences any earlier producer with that id, so of two instances only the one that
 * initialised last can commit. A write is computed from state that includes everything committed before the
 * writer's epoch began (it catches up after initialising), and its commit fails if another instance initialised in
 * between. The fenced instance then re-initialises (fencing the other), catches up — now seeing the other's
 * records — and recomputes. Two instances can thus never commit the same id for two schemas.
 */
public final class KafkaLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaLog.class);

    /** What a write appends, and what the caller gets back once it is applied. */
    public record Write<T>(List<StoreRecords.Record> records, T result) {
        public static <T> Write<T> none(T result) {
            return new Write<>(List.of(), result);
        }
    }

    private final RegistryConfig config;
    private final RegistryState state;
    private final String topic;
    private final TopicPartition partition;
    private final Object writerLock = new Object();
    private final Object appliedMonitor = new Object();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Admin admin;
    private final Thread reader;
    private KafkaProducer<byte[], byte[]> producer;
    /** Where the clients' metrics go, once {@link #bindClientMetrics} was called; the producer's follow each new one. */
    private ServerMetrics clientMeters;
    private ServerMetrics.Binding producerMeters;
    private final List<ServerMetrics.Binding> readerMeters = new CopyOnWriteArrayList<>();
    private volatile long appliedUpTo;
    private volatile long knownLag = -1;
    private volatile boolean running = true;
    private volatile Throwable readerFailure;
    private final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong takeovers = new java.util.concurrent.atomic.AtomicLong();

    public KafkaLog(RegistryConfig config, RegistryState state) {
        this.config = config;
        this.state = state;
        this.topic = config.getString(RegistryConfig.TOPIC);
        this.partition = new TopicPartition(topic, 0);
        Map<String, Object> common = new HashMap<>(config.kafkaClientOverrides());
        common.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.getString(RegistryConfig.BOOTSTRAP_SERVERS));
        this.admin = Admin.create(common);
        try {
            ensureTopic();
        } catch (RuntimeException e) {
            admin.close(Duration.ZERO);
            throw e;
        }
        Map<String, Object> c = new HashMap<>(common);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Never let a metadata request re-create a deleted store topic as an ordinary, non-compacted one.
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        this.reader = new Thread(this::readLoop, "registry-log-reader-" + topic);
        reader.setDaemon(true);
        reader.start();
        try {
            ensureProducer();
        } catch (RuntimeException e) {
            close(); // a failed start leaves no reader thread or clients behind
            throw e;
        }
        log.info("registry state loaded from {}: {} subjects, {} schemas", topic, state.subjectCount(), state.schemaCount());
    }

    /**
     * Computes a change from the current state and appends it in one transaction; returns once the change has been
     * applied locally, so the caller reads its own write. Only one write runs at a time in this instance.
     *
     * <p>If another instance took the writer role (fenced this producer) or the transaction ended in a state this
     * instance cannot know (aborted by the other's takeover, or committed just before it), this instance takes the
     * role back: a new producer fences the other, the reader catches up with everything committed, and the change is
     * computed again. Recomputing is what makes the retry safe: a change that did commit is now in the state, so the
     * second computation finds it (same id, no new version) instead of writing it twice.
     *
     * @param compute called with the state it must compute from, caught up with everything committed before this
     *                instance's writer role began; it may throw a {@link RegistryException} to refuse the change
     */
    public <T> T write(Function<RegistryState, Write<T>> compute) {
        synchronized (writerLock) {
            for (int attempt = 1; ; attempt++) {
                ensureProducer();
                Write<T> write = compute.apply(state);
                if (write.records().isEmpty()) return write.result();
                try {
                    long last = append(write.records());
                    commits.incrementAndGet();
                    awaitApplied(last);
                    return write.result();
                } catch (TakenOver e) {
                    takeovers.incrementAndGet();
                    discardProducer();
                    if (attempt >= config.getInt(RegistryConfig.WRITE_MAX_ATTEMPTS)) {
                        throw WRITER_ROLE_CONTESTED.exception(topic, attempt);
                    }
                    log.info("another registry instance took over writes to {} ({}); taking them back, attempt {}",
                            topic, e.getCause().toString(), attempt + 1);
                    backOff(attempt);
                }
            }
        }
    }

    /** The transaction did not commit, or its outcome is unknown, because another producer took the transactional.id. */
    private static final class TakenOver extends RuntimeException {
        TakenOver(Throwable cause) {
            super(cause);
        }
    }

    /** Random pause, growing with the attempt, so that two instances taking turns do not keep colliding. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 10L * attempt + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw STORE_WAIT_INTERRUPTED.exception("writing to Kafka");
        }
    }

    /** A producer that owns the writer role, with the state caught up to everything committed before it did. */
    private void ensureProducer() {
        if (producer != null) return;
        try {
            producer = newProducer();
        } catch (KafkaException e) {
            throw WRITER_ROLE_UNAVAILABLE.exception(topic, e.getMessage());
        }
        if (clientMeters != null) producerMeters = clientMeters.bindKafkaClient(producer);
        try {
            catchUp();
        } catch (RuntimeException e) {
            discardProducer(); // a writer must never compute from a state it has not caught up
            throw e;
        }
    }

    private void discardProducer() {
        if (producer == null) return;
        unbindProducer();
        try {
            producer.close(Duration.ZERO);
        } catch (KafkaException e) {
            log.debug("closing a fenced producer: {}", e.toString());
        }
        producer = null;
    }

    private long append(List<StoreRecords.Record> records) {
        try {
            producer.beginTransaction();
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            for (StoreRecords.Record r : records) sent.add(producer.send(new ProducerRecord<>(topic, 0, r.key(), r.value())));
            producer.commitTransaction();
            long last = -1;
            for (Future<RecordMetadata> f : sent) last = Math.max(last, f.get().offset());
            return last;
        } catch (ExecutionException e) {
            // Cannot happen after a successful commit, but if it does the producer is in an unknown state.
            discardProducer();
            throw storeFailure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discardProducer();
            throw STORE_WRITE_INTERRUPTED.exception();
        } catch (KafkaException e) {
            if (isTakeover(e)) throw new TakenOver(e);
            // Any other failure: the transaction is abandoned and the producer replaced, so the next write starts
            // from a fresh writer role and a caught-up state whatever this one's outcome was.
            discardProducer();
            throw storeFailure(e);
        }
    }

    private static boolean isTakeover(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException
                    || t instanceof org.apache.kafka.common.errors.InvalidTxnStateException
                    || t instanceof org.apache.kafka.common.errors.TransactionAbortableException
                    || t instanceof org.apache.kafka.common.errors.ConcurrentTransactionsException) {
                return true;
            }
            if (t.getCause() == t) break;
        }
        return false;
    }

    private RegistryException storeFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException) {
                return STORE_RECORD_TOO_LARGE.exception();
            }
            if (t instanceof org.apache.kafka.common.errors.TimeoutException) {
                return STORE_TIMEOUT.exception();
            }
            if (t.getCause() == t) break;
        }
        log.error("write to {} failed", topic, failure);
        return STORE_WRITE_FAILED.exception(failure.getMessage());
    }

    /** Waits until the reader has applied everything committed so far (the log end under read_committed). */
    public void catchUp() {
        try {
            long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest()),
                            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .partitionResult(partition).get(config.getInt(RegistryConfig.TIMEOUT_MS), TimeUnit.MILLISECONDS).offset();
            awaitApplied(end - 1);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw STORE_END_UNKNOWN.exception(topic, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw STORE_WAIT_INTERRUPTED.exception("catching up with " + topic);
        }
    }

    private void awaitApplied(long offset) {
        long deadline = System.currentTimeMillis() + config.getInt(RegistryConfig.TIMEOUT_MS);
        synchronized (appliedMonitor) {
            while (appliedUpTo <= offset) {
                if (readerFailure != null) throw STORE_READER_FAILED.exception(readerFailure);
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) throw STORE_NOT_APPLIED.exception();
                try {
                    appliedMonitor.wait(Math.min(left, 100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw STORE_WAIT_INTERRUPTED.exception("waiting for the store to apply a write");
                }
            }
        }
    }

    /**
     * Binds the store's Kafka clients (reader, admin and the current and every later writer producer) to these
     * meters; they are released when the clients close.
     */
    public void bindClientMetrics(ServerMetrics meters) {
        readerMeters.add(meters.bindKafkaClient(consumer));
        readerMeters.add(meters.bindKafkaClient(admin));
        synchronized (writerLock) {
            clientMeters = meters;
            if (producer != null) producerMeters = meters.bindKafkaClient(producer);
        }
    }

    private void unbindProducer() {
        if (producerMeters != null) producerMeters.close();
        producerMeters = null;
    }

    /** The next offset the reader will apply: everything below it is in {@link RegistryState}. */
    public long appliedOffset() {
        return appliedUpTo;
    }

    /** Records committed but not yet applied, as of the reader's last fetch; -1 while unknown. */
    public long lag() {
        return knownLag;
    }

    /** Transactions this instance committed. */
    public long commitCount() {
        return commits.get();
    }

    /** How often this instance found itself fenced by another instance on the topic and took writes back. */
    public long takeoverCount() {
        return takeovers.get();
    }

    public String topic() {
        return topic;
    }

    /** What {@link #health} found. {@code endOffset} is -1 when the broker could not be asked. */
    public record Health(boolean caughtUp, long appliedOffset, long endOffset, String problem) {}

    /**
     * Whether the reader is alive and has applied everything committed to the topic: asks the broker for the log
     * end (read_committed) and gives the reader up to {@code wait} to reach it, so a write in flight does not make a
     * healthy instance look behind.
     */
    public Health health(Duration wait) {
        if (!running) return new Health(false, appliedUpTo, -1, "the store is closed");
        if (readerFailure != null) return new Health(false, appliedUpTo, -1, "the store reader failed: " + readerFailure);
        if (!reader.isAlive()) return new Health(false, appliedUpTo, -1, "the store reader is not running");
        long end;
        try {
            end = admin.listOffsets(Map.of(partition, OffsetSpec.latest()), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .partitionResult(partition).get(wait.toMillis(), TimeUnit.MILLISECONDS).offset();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Health(false, appliedUpTo, -1, "cannot read the end of " + topic + " from Kafka: "
                    + (e.getCause() == null ? e : e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Health(false, appliedUpTo, -1, "interrupted");
        }
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (appliedMonitor) {
            while (appliedUpTo < end && System.nanoTime() < deadline) {
                try {
                    appliedMonitor.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        long applied = appliedUpTo;
        return applied >= end ? new Health(true, applied, end, null)
                : new Health(false, applied, end, "the store reader is behind: applied up to " + applied + " of " + end);
    }

    private void readLoop() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    state.apply(StoreRecords.parse(record.key()), StoreRecords.parse(record.value()));
                }
                long position = consumer.position(partition);
                // The consumer knows the lag from its last fetch response; no extra request to the broker.
                knownLag = consumer.currentLag(partition).orElse(-1);
                synchronized (appliedMonitor) {
                    appliedUpTo = position;
                    appliedMonitor.notifyAll();
                }
            }
        } catch (WakeupException e) {
            if (running) readerFailure = e;
        } catch (Throwable t) {
            readerFailure = t;
            log.error("the registry's log reader stopped", t);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private KafkaProducer<byte[], byte[]> newProducer() {
        Map<String, Object> p = new HashMap<>(config.kafkaClientOverrides());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.getString(RegistryConfig.BOOTSTRAP_SERVERS));
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "avrogate-registry-" + topic);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.getInt(RegistryConfig.TIMEOUT_MS));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(config.getInt(RegistryConfig.TIMEOUT_MS), 1000));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(config.getInt(RegistryConfig.TIMEOUT_MS) - 100, 500));
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        created.initTransactions();
        return created;
    }

    private void ensureTopic() {
        try {
            StoreTopic.prepare(admin, config);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing " + topic, e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            // A TimeoutException has no message: say what was waited for, where, and which setting names the broker.
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String reason = cause instanceof java.util.concurrent.TimeoutException
                    || cause instanceof org.apache.kafka.common.errors.TimeoutException
                    ? "no answer within 30 s" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            throw new IllegalStateException("cannot prepare the store topic " + topic + " at "
                    + config.getString(RegistryConfig.BOOTSTRAP_SERVERS) + " (" + reason + "): check that Kafka is up"
                    + " and kafkastore.bootstrap.servers names it", e);
        }
    }

    @Override
    public void close() {
        running = false;
        readerMeters.forEach(ServerMetrics.Binding::close);
        synchronized (writerLock) {
            unbindProducer();
            if (producer != null) producer.close(Duration.ofSeconds(5));
        }
        consumer.wakeup();
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }
}
