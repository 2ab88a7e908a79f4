package io.avrogate.ingest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Whether a topic exists in Kafka, asked through the admin API (which, unlike a producer, never auto-creates a topic
 * and never blocks for a minute on one that is missing). Topics found are remembered for a TTL; missing ones are
 * asked again each time, so a topic created meanwhile is found at once.
 */
final class KafkaTopics {
    private final Admin admin;
    /** The bootstrap servers, for messages. */
    private final String address;
    private final long ttlNanos;
    private final Duration timeout;
    private final ConcurrentHashMap<String, Long> existing = new ConcurrentHashMap<>();

    KafkaTopics(Admin admin, String address, Duration ttl, Duration timeout) {
        this.admin = admin;
        this.address = address;
        this.ttlNanos = ttl.toNanos();
        this.timeout = timeout;
    }

    /**
     * @throws IngestException 404 when the topic does not exist, 503 when Kafka does not answer in time
     */
    void requireExists(String topic) {
        Long seen = existing.get(topic);
        long now = System.nanoTime();
        if (seen != null && now - seen < ttlNanos) return;
        try {
            admin.describeTopics(List.of(topic)).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            existing.put(topic, now);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InvalidTopicException) {
                throw new IngestException(400, 40002, "'" + topic + "' is not a valid Kafka topic name");
            }
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IngestException(404, 40404, "topic '" + topic + "' does not exist in Kafka");
            }
            throw new IngestException(503, 50302, "Kafka at " + address + " did not describe topic '" + topic + "': "
                    + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new IngestException(503, 50302, "Kafka at " + address + " did not answer within " + timeout.toMillis()
                    + " ms; check that it is up and that bootstrap.servers names it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException(503, 50302, "interrupted while asking Kafka about topic '" + topic + "'");
        }
    }
}
