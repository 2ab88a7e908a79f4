package io.avrogate.bridge;

import io.avrogate.serde.deadletter.DeadLetter;
import io.avrogate.serde.deadletter.DeadLetterStage;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consume-transform-produce loop, exactly once. Each poll's records are bridged in one Kafka transaction that
 * also carries the consumer offsets ({@code sendOffsetsToTransaction} with the group metadata, so a zombie from an
 * older group generation is fenced, KIP-447): the translated records, the dead letters and the progress become
 * visible to read_committed readers together, or not at all. On a failure the transaction is aborted and the
 * consumer rewound to the start of the batch, which is then bridged again.
 *
 * <p>Several instances with the same group id share the source partitions; each needs its own
 * {@link BridgeConfig#INSTANCE_ID}, which makes its transactional.id stable across restarts, so a restarted
 * instance aborts whatever its previous incarnation left open instead of waiting for the transaction timeout.
 */
public final class MigrationBridge implements Runnable {
    private static final long IDLE_COMMIT_INTERVAL_MS = 1_000;
    /** How often a commit that timed out is tried again before the bridge gives up (each waits max.block.ms). */
    static final int COMMIT_ATTEMPTS = 5;
    /** The {@code component} of the bridge's dead letters. */
    static final String COMPONENT = "bridge";
    private static final Logger log = LoggerFactory.getLogger(MigrationBridge.class);

    private final BridgeConfig config;
    private final RecordTransform transform;
    private final BridgeMetrics metrics;
    private final byte[] marker;
    private final byte[] sourceTopicBytes;
    private static final long MAX_BACKOFF_MS = 10_000;

    private volatile boolean stopping;
    private int failuresInARow;
    private long lastIdleCommitCheckMs;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    public MigrationBridge(BridgeConfig config, RecordTransform transform, BridgeMetrics metrics) {
        this.config = config;
        this.transform = transform;
        this.metrics = metrics;
        this.marker = BridgeHeaders.utf8(config.mapping().name());
        this.sourceTopicBytes = BridgeHeaders.utf8(config.sourceTopic());
    }

    /** Asks the loop to finish its current batch and return; safe from any thread. */
    public void stop() {
        stopping = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) c.wakeup();
    }

    /** Bridges until {@link #stop()}; throws when the bridge cannot go on (e.g. fenced by another instance). */
    @Override
    public void run() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProperties());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties());
             BridgeMetrics.Binding clientMetrics = metrics.bindKafkaClients(c, producer)) {
            consumer = c;
            producer.initTransactions();
            c.subscribe(List.of(config.sourceTopic()));
            metrics.state("RUNNING", null);
            log.info("bridging {} -> {} with mapping '{}' (group {}, transactional.id {}, dead letters to {})",
                    config.sourceTopic(), config.targetTopic(), config.mapping().name(), config.groupId(),
                    config.transactionalId(), config.dlqTopic());
            Duration timeout = Duration.ofMillis(config.getLong(BridgeConfig.POLL_TIMEOUT_MS));
            while (!stopping) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = c.poll(timeout);
                } catch (WakeupException e) {
                    break;
                }
                metrics.polled(lag(c), System.currentTimeMillis());
                if (!records.isEmpty()) bridge(c, producer, records);
                else commitPositionsPastMarkers(c, producer);
            }
            metrics.state("STOPPED", null);
        } catch (RuntimeException e) {
            metrics.state("FAILED", e.toString());
            throw e;
        } finally {
            consumer = null;
        }
    }

    private void bridge(KafkaConsumer<byte[], byte[]> c, KafkaProducer<byte[], byte[]> producer,
                        ConsumerRecords<byte[], byte[]> records) {
        Batch batch = new Batch();
        long startNanos = System.nanoTime();
        try {
            producer.beginTransaction();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                bridgeOne(producer, record, batch);
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (TopicPartition tp : records.partitions()) {
                List<ConsumerRecord<byte[], byte[]>> inPartition = records.records(tp);
                offsets.put(tp, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
            }
            producer.sendOffsetsToTransaction(offsets, c.groupMetadata());
            commit(producer);
            metrics.committed(batch.translated, batch.deadLettered, batch.skipped, startNanos, System.currentTimeMillis());
        } catch (CommitTimedOutException e) {
            throw e;
        } catch (ProducerFencedException | FencedInstanceIdException | OutOfOrderSequenceException
                 | UnsupportedVersionException | AuthorizationException e) {
            // Fatal for this producer: another instance took over its transactional.id, or the cluster refuses us.
            throw new IllegalStateException("bridge instance '" + config.instanceId() + "' cannot go on: " + e
                    + (e instanceof ProducerFencedException ? " (another instance runs with the same "
                    + BridgeConfig.INSTANCE_ID + ")" : ""), e);
        } catch (RuntimeException e) {
            // A send failed, the group rebalanced under us (offsets of an old generation are refused), a broker or
            // the registry went away: nothing of this batch is visible. Abort, rewind, back off, bridge it again.
            failuresInARow++;
            long backoff = Math.min(MAX_BACKOFF_MS, 100L << Math.min(failuresInARow - 1, 10));
            log.warn("aborting a transaction of {} records, retrying in {} ms: {}", records.count(), backoff, e.toString());
            producer.abortTransaction(); // if even this fails, the producer is unusable: the exception ends the loop
            metrics.aborted();
            rewind(c, records);
            sleep(backoff);
            return;
        }
        failuresInARow = 0;
    }

    /**
     * When the source topic is written transactionally, each transaction ends with a commit marker that takes an
     * offset but is never returned as a record. Committing "last record + 1" then leaves the group one offset short
     * of the end for ever, and {@code bridge status} would never see the bridge caught up. So, while idle, the
     * consumer's position (which has moved past such markers, and never past an unbridged record: every record before
     * it was returned by a poll and bridged in a committed transaction, or rewound) is committed in an offsets-only
     * transaction. Rate-limited, and only when a position is ahead of what was last committed.
     */
    private void commitPositionsPastMarkers(KafkaConsumer<byte[], byte[]> c, KafkaProducer<byte[], byte[]> producer) {
        long now = System.currentTimeMillis();
        if (now - lastIdleCommitCheckMs < IDLE_COMMIT_INTERVAL_MS) return;
        lastIdleCommitCheckMs = now;
        Set<TopicPartition> assigned = c.assignment();
        if (assigned.isEmpty()) return;
        Map<TopicPartition, OffsetAndMetadata> ahead = new HashMap<>();
        boolean begun = false;
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = c.committed(assigned);
            for (TopicPartition tp : assigned) {
                long position = c.position(tp);
                OffsetAndMetadata last = committed.get(tp);
                if (last == null || position > last.offset()) ahead.put(tp, new OffsetAndMetadata(position));
            }
            if (ahead.isEmpty()) return;
            producer.beginTransaction();
            begun = true;
            producer.sendOffsetsToTransaction(ahead, c.groupMetadata());
            commit(producer);
        } catch (CommitTimedOutException e) {
            throw e;
        } catch (ProducerFencedException | FencedInstanceIdException | OutOfOrderSequenceException
                 | UnsupportedVersionException | AuthorizationException e) {
            throw new IllegalStateException("bridge instance '" + config.instanceId() + "' cannot go on: " + e, e);
        } catch (WakeupException e) {
            stopping = true; // stop() was called while we were committing; the loop ends after this
            if (begun) producer.abortTransaction();
        } catch (RuntimeException e) {
            // A rebalance or a broker hiccup: nothing is lost by not committing now; the next idle poll tries again.
            log.debug("could not commit positions past transaction markers: {}", e.toString());
            if (begun) producer.abortTransaction(); // if even this fails, the producer is unusable: the loop ends
        }
    }

    /**
     * Commits, retrying a commit that timed out. A {@link TimeoutException} from {@code commitTransaction} does not say
     * the commit failed, only that its outcome was not confirmed within {@code max.block.ms}: it may still complete.
     * Kafka's producer therefore refuses any other call (an abort included) until the same commit is retried, and
     * says retrying is safe. Aborting here, as for other failures, would end the loop with the producer unusable.
     * After {@link #COMMIT_ATTEMPTS} timeouts the cluster is not answering; the bridge stops (closing the producer is
     * the only other way out) and a restart resolves the transaction.
     */
    private void commit(KafkaProducer<byte[], byte[]> producer) {
        for (int attempt = 1; ; attempt++) {
            try {
                producer.commitTransaction();
                return;
            } catch (TimeoutException e) {
                if (attempt >= COMMIT_ATTEMPTS) {
                    throw new CommitTimedOutException("bridge instance '" + config.instanceId() + "' could not confirm a "
                            + "transaction commit in " + attempt + " attempts: " + e.getMessage(), e);
                }
                log.warn("committing a transaction timed out (attempt {} of {}), retrying: {}", attempt, COMMIT_ATTEMPTS,
                        e.getMessage());
            }
        }
    }

    /** A commit never confirmed: the producer accepts nothing but the same commit again, so the loop must end. */
    private static final class CommitTimedOutException extends IllegalStateException {
        CommitTimedOutException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void bridgeOne(KafkaProducer<byte[], byte[]> producer, ConsumerRecord<byte[], byte[]> record, Batch batch) {
        if (BridgeHeaders.isBridged(record.headers())) {
            // Produced by a bridge (e.g. the reverse one): translating it back would loop forever.
            batch.skipped++;
            return;
        }
        byte[] key;
        byte[] value;
        try {
            key = transform.key(record.key());
            value = transform.value(record.value());
        } catch (UntranslatableRecordException e) {
            deadLetter(producer, record, e);
            batch.deadLettered.merge(e.stage(), 1L, Long::sum);
            return;
        }
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(BridgeHeaders.SOURCE_TOPIC, sourceTopicBytes);
        headers.add(BridgeHeaders.SOURCE_PARTITION, BridgeHeaders.utf8(record.partition()));
        headers.add(BridgeHeaders.SOURCE_OFFSET, BridgeHeaders.utf8(record.offset()));
        headers.add(BridgeHeaders.MARKER, marker);
        // No explicit partition: the default partitioner hashes the key, so one key lands in one old-topic partition
        // and keeps its order (records of one key come from one source partition, bridged in offset order).
        producer.send(new ProducerRecord<>(config.targetTopic(), null, record.timestamp(), key, value, headers));
        batch.translated++;
    }

    /**
     * The original key, value, timestamp and headers, plus the shared dead-letter headers (where it was read, the
     * stage, the field, the exception). No bridge marker: the record was not bridged, and once the mapping is fixed
     * it can be replayed into the source topic and bridged like any other.
     */
    private void deadLetter(KafkaProducer<byte[], byte[]> producer, ConsumerRecord<byte[], byte[]> record,
                            UntranslatableRecordException e) {
        DeadLetter letter = DeadLetter.of(record.topic(), record.partition(), record.offset(), record.timestamp(),
                COMPONENT, e.stage(), e, -1, null, config.mapping().name(), e.field());
        producer.send(new ProducerRecord<>(config.dlqTopic(), null, record.timestamp(), record.key(), record.value(),
                letter.toHeaders(record.headers())));
        log.warn("dead-lettered {}", letter.describe());
    }

    /** Back to the first record of the aborted batch on every partition still assigned to us. */
    private static void rewind(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records) {
        Set<TopicPartition> assigned = c.assignment();
        for (TopicPartition tp : records.partitions()) {
            if (assigned.contains(tp)) c.seek(tp, records.records(tp).get(0).offset());
        }
    }

    private static long lag(KafkaConsumer<byte[], byte[]> c) {
        long total = 0;
        for (TopicPartition tp : c.assignment()) {
            var lag = c.currentLag(tp);
            if (lag.isEmpty()) return -1;
            total += lag.getAsLong();
        }
        return total;
    }

    private Properties consumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        p.putAll(config.clientProperties("consumer"));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        // Static membership: a restarted instance takes its partitions back at once instead of waiting for the
        // session timeout of its dead predecessor (and a second process with the same id is fenced).
        p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.instanceId());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.transactionalId() + "-consumer");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    private Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        p.putAll(config.clientProperties("producer"));
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, config.transactionalId() + "-producer");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    private static final class Batch {
        long translated;
        final Map<DeadLetterStage, Long> deadLettered = new EnumMap<>(DeadLetterStage.class);
        long skipped;
    }
}
