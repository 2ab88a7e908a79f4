package io.avrogate.consumer;

import io.avrogate.serde.deadletter.DeadLetterStage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;

/**
 * What a {@link ConsumerRunner} has done, as Micrometer meters in the registry the application passed to the builder
 * (a private one otherwise), tagged with the consumer group and, where it makes sense, the topic:
 *
 * <ul>
 *   <li>{@code avrogate.consumer.records.handled} (counter): records whose handler succeeded</li>
 *   <li>{@code avrogate.consumer.records.dead.lettered} (counter, also tagged {@code stage}): records written to the
 *       dead-letter sink</li>
 *   <li>{@code avrogate.consumer.retries} (counter): handler calls that repeated a failed one</li>
 *   <li>{@code avrogate.consumer.commits} (counter, group only): offset commits that succeeded</li>
 *   <li>{@code avrogate.consumer.records.in.flight} (gauge, group only): records handed out, not yet completed</li>
 *   <li>{@code avrogate.consumer.lag} (gauge, also tagged {@code partition}): records behind the log end, per
 *       partition the runner owns, as of its last fetch; removed when the partition goes</li>
 * </ul>
 *
 * With {@link ConsumerRunnerBuilder#kafkaClientMetrics(boolean)}, Micrometer's metrics of the runner's Kafka consumer
 * and of its dead-letter producer ({@code kafka.consumer.*}, {@code kafka.producer.*}) join them.
 *
 * Runners of one group sharing a registry share these meters (counters add up, a gauge shows one runner): give each
 * its own tags if they must be told apart. The accessors count this runner only, since it was created, whatever the
 * registry does (step registries reset their counters). Thread-safe.
 */
public final class RunnerMetrics {
    static final String PREFIX = "avrogate.consumer.";

    private final MeterRegistry registry;
    private final Tags groupTags;
    private final LongAdder handled = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final Map<DeadLetterStage, LongAdder> deadLettered = new EnumMap<>(DeadLetterStage.class);
    private final AtomicInteger inFlight;
    private final Counter commitCounter;
    private final Gauge inFlightGauge;
    /** Meters created on first use, keyed by topic (and stage). */
    private final Map<String, Counter> handledCounters = new ConcurrentHashMap<>();
    private final Map<String, Counter> retryCounters = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetterCounters = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Lag> lags = new ConcurrentHashMap<>();
    private final List<KafkaClientMetrics> kafkaClients = new ArrayList<>();

    /** @param inFlight the runner's count of records in flight, read by the gauge */
    RunnerMetrics(MeterRegistry registry, Iterable<Tag> tags, String group,
            AtomicInteger inFlight) {
        this.registry = registry;
        this.groupTags = Tags.of(tags).and("group", group);
        this.inFlight = inFlight;
        for (DeadLetterStage stage : DeadLetterStage.values()) deadLettered.put(stage, new LongAdder());
        this.commitCounter = Counter.builder(PREFIX + "commits").tags(groupTags)
                .description("Offset commits that succeeded").register(registry);
        this.inFlightGauge = Gauge.builder(PREFIX + "records.in.flight", inFlight, AtomicInteger::get).tags(groupTags)
                .description("Records handed to the handler and not yet completed").register(registry);
    }

    /** Records whose handler succeeded (returned, or acknowledged). */
    public long handled() {
        return handled.sum();
    }

    /** Records written to the dead-letter sink, whatever the reason. */
    public long deadLettered() {
        return deadLettered.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Records written to the dead-letter sink because they failed at this stage. */
    public long deadLettered(DeadLetterStage stage) {
        return deadLettered.get(stage).sum();
    }

    /** Handler calls that were repeats of a failed call. */
    public long retries() {
        return retries.sum();
    }

    /** Records whose key or value could not be deserialized (each also counted as dead-lettered). */
    public long deserializationFailures() {
        return deadLettered(DeadLetterStage.KEY_DESERIALIZATION) + deadLettered(DeadLetterStage.VALUE_DESERIALIZATION);
    }

    /** Offset commits that succeeded. */
    public long commits() {
        return commits.sum();
    }

    /** Records handed to the handler and not yet completed (acknowledged, or dead-lettered), now. */
    public int inFlight() {
        return inFlight.get();
    }

    void recordHandled(String topic) {
        handled.increment();
        counter(handledCounters, topic, "records.handled", "Records whose handler succeeded", Tags.of("topic", topic))
                .increment();
    }

    void recordRetry(String topic) {
        retries.increment();
        counter(retryCounters, topic, "retries", "Handler calls that repeated a failed call", Tags.of("topic", topic))
                .increment();
    }

    void recordDeadLettered(String topic, DeadLetterStage stage) {
        deadLettered.get(stage).increment();
        counter(deadLetterCounters, topic + '\u0000' + stage, "records.dead.lettered",
                "Records written to the dead-letter sink, by the stage that failed",
                Tags.of("topic", topic, "stage", stage.name())).increment();
    }

    void recordCommit() {
        commits.increment();
        commitCounter.increment();
    }

    /** Poll thread: the partition's lag as the consumer knows it (empty before its first fetch). */
    void recordLag(TopicPartition partition, OptionalLong lag) {
        Lag holder = lags.computeIfAbsent(partition, this::newLag);
        holder.value.set(lag.orElse(-1));
    }

    private Lag newLag(TopicPartition partition) {
        AtomicLong value = new AtomicLong(-1);
        Gauge gauge = Gauge.builder(PREFIX + "lag", value, v -> v.get() < 0 ? Double.NaN : v.get())
                .tags(groupTags).tag("topic", partition.topic()).tag("partition", Integer.toString(partition.partition()))
                .description("Records behind the log end, as of the last fetch").baseUnit("records")
                .register(registry);
        return new Lag(gauge, value);
    }

    /** The partitions are no longer the runner's: their lag is not its to report. */
    void forgetPartitions(Iterable<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            Lag gone = lags.remove(partition);
            if (gone != null) registry.remove(gone.gauge);
        }
    }

    /** Binds Micrometer's metrics of a Kafka client of the runner until {@link #close()}, before the client closes. */
    synchronized void bindKafkaClient(Object client) {
        KafkaClientMetrics binder;
        if (client instanceof Consumer<?, ?> consumer) {
            binder = new KafkaClientMetrics(consumer, groupTags);
        } else if (client instanceof Producer<?, ?> producer) {
            binder = new KafkaClientMetrics(producer, groupTags);
        } else {
            throw new IllegalArgumentException("not a Kafka consumer or producer: " + client);
        }
        binder.bindTo(registry);
        kafkaClients.add(binder);
    }

    /** The runner has stopped: its gauges go (they describe a live runner); the counters stay. */
    synchronized void close() {
        kafkaClients.forEach(KafkaClientMetrics::close);
        kafkaClients.clear();
        forgetPartitions(List.copyOf(lags.keySet()));
        registry.remove(inFlightGauge);
    }

    private Counter counter(Map<String, Counter> cache, String key, String name, String description, Tags tags) {
        Counter counter = cache.get(key);
        if (counter != null) return counter;
        return cache.computeIfAbsent(key, k -> Counter.builder(PREFIX + name).tags(groupTags).tags(tags)
                .description(description).register(registry));
    }

    /** A lag gauge and the value it reads, written by the poll thread. */
    private record Lag(Gauge gauge, AtomicLong value) {}

    @Override
    public String toString() {
        return "handled=" + handled() + ", deadLettered=" + deadLettered() + ", retries=" + retries()
                + ", deserializationFailures=" + deserializationFailures() + ", commits=" + commits()
                + ", inFlight=" + inFlight();
    }
}
