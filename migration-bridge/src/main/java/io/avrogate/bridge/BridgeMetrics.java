package io.avrogate.bridge;

import io.avrogate.serde.deadletter.DeadLetterStage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.avrogate.server.ServerMetrics;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The metrics of one bridge instance, in a Micrometer registry of its own ({@code avrogate.bridge.*}, tagged with
 * the mapping, plus the loop's Kafka clients, on top of the JVM and HTTP series every server-common listener has), rendered for {@code /metrics} in Prometheus' text format.
 * Record counts move only when a transaction commits, so they say what the old topic and the dead-letter topic
 * really hold from this instance, never what was attempted and rolled back.
 */
public final class BridgeMetrics implements AutoCloseable {
    /** The stages at which the bridge dead-letters a record; each has its series from the start (at 0). */
    static final List<DeadLetterStage> BRIDGE_STAGES = List.of(DeadLetterStage.KEY_DESERIALIZATION,
            DeadLetterStage.VALUE_DESERIALIZATION, DeadLetterStage.TRANSLATION, DeadLetterStage.SERIALIZATION);

    /** The listener's meters (JVM, process, HTTP requests); the bridge's own series are registered on them too. */
    private final ServerMetrics server = new ServerMetrics();
    private final MeterRegistry registry = server.registry();
    private final Tags tags;
    private final Counter translated;
    private final Map<DeadLetterStage, Counter> deadLettered = new EnumMap<>(DeadLetterStage.class);
    private final Counter skippedBridged;
    private final Counter transactions;
    private final Counter aborted;
    private final Timer transactionTime;
    private volatile long lag = -1;
    private volatile long lastPollMillis;
    private volatile long lastTransactionMillis;
    private volatile String state = "STARTING";
    private volatile String failure = "";

    /** @param mapping the mapping's name, the {@code mapping} tag of every bridge series */
    public BridgeMetrics(String mapping) {
        this.tags = Tags.of("mapping", mapping);
        translated = Counter.builder("avrogate.bridge.translated").tags(tags)
                .description("Records translated and committed to the old topic").register(registry);
        for (DeadLetterStage stage : BRIDGE_STAGES) {
            deadLettered.put(stage, Counter.builder("avrogate.bridge.dead.lettered").tags(tags).tag("stage", stage.name())
                    .description("Records committed to the dead-letter topic, by the stage that failed").register(registry));
        }
        skippedBridged = Counter.builder("avrogate.bridge.skipped.bridged").tags(tags)
                .description("Records skipped because a bridge produced them").register(registry);
        transactions = Counter.builder("avrogate.bridge.transactions").tags(tags)
                .description("Transactions committed").register(registry);
        aborted = Counter.builder("avrogate.bridge.aborted.transactions").tags(tags)
                .description("Transactions aborted and retried").register(registry);
        transactionTime = Timer.builder("avrogate.bridge.transaction.duration").tags(tags)
                .description("Time from the start of a committed transaction to its commit").register(registry);
        Gauge.builder("avrogate.bridge.lag", this, BridgeMetrics::lag).tags(tags).baseUnit("records")
                .description("Records on the assigned source partitions not yet bridged (-1 unknown)").register(registry);
        Gauge.builder("avrogate.bridge.up", this, m -> "RUNNING".equals(m.state) ? 1 : 0).tags(tags)
                .description("1 while the bridge loop runs").register(registry);
        TimeGauge.builder("avrogate.bridge.last.transaction.timestamp", this, TimeUnit.MILLISECONDS,
                        BridgeMetrics::lastTransactionMillis).tags(tags)
                .description("When this instance last committed a transaction with records (0 never)").register(registry);
        TimeGauge.builder("avrogate.bridge.last.poll.timestamp", this, TimeUnit.MILLISECONDS,
                        BridgeMetrics::lastPollMillis).tags(tags)
                .description("When the loop last returned from a poll (0 never)").register(registry);
    }

    /** One committed transaction of the loop; {@code deadLetteredByStage} holds only the stages that occurred. */
    void committed(long translatedInBatch, Map<DeadLetterStage, Long> deadLetteredByStage, long skippedInBatch,
                   long startNanos, long nowMillis) {
        translated.increment(translatedInBatch);
        deadLetteredByStage.forEach((stage, n) -> deadLettered.get(stage).increment(n));
        skippedBridged.increment(skippedInBatch);
        transactions.increment();
        transactionTime.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        lastTransactionMillis = nowMillis;
    }

    void aborted() {
        aborted.increment();
    }

    void polled(long lag, long nowMillis) {
        this.lag = lag;
        this.lastPollMillis = nowMillis;
    }

    void state(String state, String failure) {
        this.state = state;
        this.failure = failure == null ? "" : failure;
    }

    /**
     * Micrometer's metrics of the loop's Kafka consumer and producer (fetch and send rates, request latencies,
     * the consumer's own lag, ...) until the returned handle is closed, which must happen before the clients close.
     */
    Binding bindKafkaClients(Consumer<?, ?> consumer, Producer<?, ?> producer) {
        KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(consumer, tags);
        KafkaClientMetrics producerMetrics = new KafkaClientMetrics(producer, tags);
        consumerMetrics.bindTo(registry);
        producerMetrics.bindTo(registry);
        return () -> {
            consumerMetrics.close();
            producerMetrics.close();
        };
    }

    /** Meters bound to the registry until closed. */
    interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    /** Records translated and committed to the old topic. */
    public long translated() {
        return (long) translated.count();
    }

    /** Records committed to the dead-letter topic, all stages together. */
    public long deadLettered() {
        return (long) deadLettered.values().stream().mapToDouble(Counter::count).sum();
    }

    /** Records committed to the dead-letter topic because they failed at this stage. */
    public long deadLettered(DeadLetterStage stage) {
        Counter counter = deadLettered.get(stage);
        return counter == null ? 0 : (long) counter.count();
    }

    /** Records skipped because another bridge produced them (they carry the marker header). */
    public long skippedBridged() {
        return (long) skippedBridged.count();
    }

    public long transactions() {
        return (long) transactions.count();
    }

    public long abortedTransactions() {
        return (long) aborted.count();
    }

    /** Records on the source topic's assigned partitions not yet bridged, as of the last poll; -1 before the first. */
    public long lag() {
        return lag;
    }

    public long lastPollMillis() {
        return lastPollMillis;
    }

    /** When this instance last committed a transaction with records, epoch ms; 0 before the first. */
    public long lastTransactionMillis() {
        return lastTransactionMillis;
    }

    /** STARTING, RUNNING, STOPPED or FAILED. */
    public String state() {
        return state;
    }

    public String failure() {
        return failure;
    }

    /** The registry holding every series, for a server that exposes more than the bridge's own. */
    public MeterRegistry meterRegistry() {
        return registry;
    }

    /** The server-common meters these series live on, handed to the bridge's HTTP listener to serve and extend. */
    public ServerMetrics serverMetrics() {
        return server;
    }

    /** The Prometheus text exposition (version 0.0.4) of every series, what {@code /metrics} answers. */
    public String scrape() {
        return server.scrape();
    }

    @Override
    public void close() {
        server.close();
    }
}
