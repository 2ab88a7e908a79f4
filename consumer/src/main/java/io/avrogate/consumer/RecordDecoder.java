package io.avrogate.consumer;

import io.avrogate.registry.client.RegistryClientException;
import io.avrogate.serde.deadletter.DeadLetterStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deserializes the key and value of one raw record. The KafkaConsumer reads bytes and this happens per record, so a
 * record that cannot be deserialized is reported ({@link Failure}) instead of making {@code poll()} throw on it
 * forever. An unreachable registry is not the record's fault: the record waits, with backoff, until it answers.
 * Nor is a registry that refuses the runner's credentials (401), rights (403) or certificate: no record could be
 * read, so the runner stops with {@link RegistryRefusedException} rather than dead-letter every record.
 */
final class RecordDecoder<K, V> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RecordDecoder.class);

    private final Deserializer<K> keys;
    private final Deserializer<V> values;
    private final RetryBackoff backoff;
    private final StopSignal stop;

    RecordDecoder(Deserializer<K> keys, Deserializer<V> values, RetryBackoff backoff, StopSignal stop) {
        this.keys = keys;
        this.values = values;
        this.backoff = backoff;
        this.stop = stop;
    }

    /**
     * @throws Failure when the key or value cannot be deserialized
     * @throws Interrupted when the runner stops while the record waits for the registry
     */
    ConsumerRecord<K, V> decode(ConsumerRecord<byte[], byte[]> raw) {
        K key = decode(keys, raw, raw.key(), DeadLetterStage.KEY_DESERIALIZATION);
        V value = decode(values, raw, raw.value(), DeadLetterStage.VALUE_DESERIALIZATION);
        return new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.timestamp(), raw.timestampType(),
                raw.serializedKeySize(), raw.serializedValueSize(), key, value, raw.headers(), raw.leaderEpoch());
    }

    private <T> T decode(Deserializer<T> deserializer, ConsumerRecord<byte[], byte[]> raw, byte[] data,
            DeadLetterStage stage) {
        for (int attempt = 1; ; attempt++) {
            try {
                return deserializer.deserialize(raw.topic(), raw.headers(), data);
            } catch (RuntimeException e) {
                RegistryClientException refusal = registryRefusal(e);
                if (refusal != null) throw new RegistryRefusedException(refusal);
                if (!isRegistryUnavailable(e)) throw new Failure(stage, e);
                long wait = backoff.delayBefore(attempt + 1);
                log.warn("cannot deserialize {}: the schema registry is unavailable ({}); retrying in {} ms",
                        Delivery.coordinates(raw), e.getMessage(), wait);
                if (!stop.sleep(wait)) throw new Interrupted();
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

    /** The registry's refusal (401, 403, a certificate refused in the TLS handshake) in the cause chain, or null. */
    static RegistryClientException registryRefusal(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RegistryClientException registry) return registry.isRefused() ? registry : null;
        }
        return null;
    }

    @Override
    public void close() {
        ConsumerRunner.closeQuietly(keys, "key deserializer");
        ConsumerRunner.closeQuietly(values, "value deserializer");
    }

    /** The record's key or value cannot be deserialized; the cause is the deserializer's exception. */
    static final class Failure extends RuntimeException {
        final DeadLetterStage stage;

        Failure(DeadLetterStage stage, RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
            this.stage = stage;
        }
    }

    /** The runner is stopping while a record waits for the registry: the record stays uncommitted. */
    static final class Interrupted extends RuntimeException {
        Interrupted() {
            super(null, null, false, false);
        }
    }
}
