package io.avrogate.consumer;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of {@link ConsumerRunner}. The runner's own keys are defined here; every other key is passed on: Kafka
 * consumer settings ({@code bootstrap.servers}, {@code group.id}, security, ...) to the KafkaConsumer and the
 * dead-letter producer, and serde settings ({@code schema.registry.url}, {@code specific.avro.reader}, ...) to
 * deserializers created from {@code key.deserializer}/{@code value.deserializer}.
 */
public final class ConsumerRunnerConfig extends AbstractConfig {
    public static final String TOPICS = "topics";
    public static final String ACK_MODE = "ack.mode";
    public static final String MAX_IN_FLIGHT_RECORDS = "max.in.flight.records";
    public static final String DEAD_LETTER_TOPIC = "dead.letter.topic";
    public static final String HANDLER_MAX_ATTEMPTS = "handler.max.attempts";
    public static final String HANDLER_RETRY_BACKOFF_MS = "handler.retry.backoff.ms";
    public static final String HANDLER_RETRY_BACKOFF_MAX_MS = "handler.retry.backoff.max.ms";
    public static final String START_POSITION = "start.position";
    public static final String SHUTDOWN_TIMEOUT_MS = "shutdown.timeout.ms";
    public static final String REVOCATION_TIMEOUT_MS = "revocation.timeout.ms";

    /** How the runner learns that a record has been processed. */
    public enum AckMode {
        /** When the handler returns: one record at a time, natural backpressure. */
        SYNC,
        /** When the handler calls {@link Acknowledgement#acknowledge()}, possibly later and from another thread. */
        ASYNC
    }

    /** Where a group starts reading a partition it has never committed an offset for. */
    public enum StartPosition { EARLIEST, LATEST }

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(TOPICS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, "The topics to consume, comma-separated.")
            .define(ACK_MODE, Type.STRING, "sync", ValidString.in("sync", "async"), Importance.HIGH,
                    "sync: a record is done when the handler returns (the next record waits). async: a record is done"
                            + " when the handler calls Acknowledgement.acknowledge(), from any thread, in any order;"
                            + " per partition only offsets below the lowest unacknowledged record are committed.")
            .define(MAX_IN_FLIGHT_RECORDS, Type.INT, 1000, Range.atLeast(1), Importance.MEDIUM,
                    "async: how many records may be handed out and not yet acknowledged; when reached, the runner"
                            + " pauses its partitions until acknowledgements come in.")
            .define(DEAD_LETTER_TOPIC, Type.STRING, "", Importance.HIGH,
                    "Topic for records that cannot be deserialized or whose handler fails every attempt, with the"
                            + " original key, value and headers plus the error headers of avrogate's one dead-letter"
                            + " format (__connect.errors.*, __avrogate.errors.*) saying why. Written"
                            + " synchronously before the offset is committed. Empty: such a record stops the runner"
                            + " with an error (nothing is skipped silently).")
            .define(HANDLER_MAX_ATTEMPTS, Type.INT, 3, Range.atLeast(1), Importance.MEDIUM,
                    "How often the handler is called for one record before it goes to the dead-letter topic"
                            + " (1 = no retry).")
            .define(HANDLER_RETRY_BACKOFF_MS, Type.LONG, 200L, Range.atLeast(0), Importance.LOW,
                    "Wait before the first retry; doubled for each further retry.")
            .define(HANDLER_RETRY_BACKOFF_MAX_MS, Type.LONG, 10_000L, Range.atLeast(0), Importance.LOW,
                    "Upper bound of the wait between retries (also between retries of an unreachable registry).")
            .define(START_POSITION, Type.STRING, "earliest", ValidString.in("earliest", "latest"), Importance.MEDIUM,
                    "Where the group starts in a partition it has no committed offset for. Unlike auto.offset.reset"
                            + " this applies to the first start only: a committed offset that has fallen out of range"
                            + " resets to the earliest record (auto.offset.reset, default earliest), never past"
                            + " unread records.")
            .define(SHUTDOWN_TIMEOUT_MS, Type.LONG, 30_000L, Range.atLeast(0), Importance.LOW,
                    "async: on close, how long to wait for outstanding acknowledgements before committing what is"
                            + " safe and leaving the rest to be redelivered.")
            .define(REVOCATION_TIMEOUT_MS, Type.LONG, 10_000L, Range.atLeast(0), Importance.LOW,
                    "async: when a rebalance revokes partitions, how long to wait for the acknowledgements of their"
                            + " records in flight before committing what completed and giving the partitions up."
                            + " Records still unacknowledged then are processed again by the next owner. The whole"
                            + " group's rebalance waits for this: keep it well below max.poll.interval.ms.");

    public ConsumerRunnerConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals, false);
        if (getList(TOPICS).isEmpty()) throw new ConfigException(TOPICS, "", "at least one topic is required");
        Object group = originals.get(ConsumerConfig.GROUP_ID_CONFIG);
        if (group == null || group.toString().isBlank()) {
            throw new ConfigException(ConsumerConfig.GROUP_ID_CONFIG, null, "a consumer group is required: offsets are"
                    + " committed to it");
        }
        Object autoCommit = originals.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG);
        if (autoCommit != null && Boolean.parseBoolean(autoCommit.toString())) {
            throw new ConfigException(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, autoCommit, "the runner commits"
                    + " itself, only processed records; auto-commit would commit records not yet processed");
        }
    }

    public AckMode ackMode() {
        return AckMode.valueOf(getString(ACK_MODE).toUpperCase(Locale.ROOT));
    }

    public StartPosition startPosition() {
        return StartPosition.valueOf(getString(START_POSITION).toUpperCase(Locale.ROOT));
    }

    /** The dead-letter topic, or null when none is configured. */
    public String deadLetterTopic() {
        String topic = getString(DEAD_LETTER_TOPIC);
        return topic.isBlank() ? null : topic.trim();
    }

    public String groupId() {
        return originals().get(ConsumerConfig.GROUP_ID_CONFIG).toString();
    }

    /** Every setting that is not the runner's own: Kafka client, serde and registry settings. */
    public Map<String, Object> passThrough() {
        Map<String, Object> out = new HashMap<>(originals());
        CONFIG_DEF.names().forEach(out::remove);
        return out;
    }
}
