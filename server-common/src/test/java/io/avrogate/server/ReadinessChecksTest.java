package io.avrogate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The shared readiness checks and the Kafka client metrics binding, with real Kafka clients and no broker. */
class ReadinessChecksTest {

    @Test
    void anAnswerIsReusedSoThatAFloodOfProbesAsksTheDependencyOnce() {
        AtomicInteger calls = new AtomicInteger();
        ReadinessCheck check = ReadinessChecks.reachable("thing", Duration.ofSeconds(30), Duration.ofSeconds(2),
                calls::incrementAndGet);
        for (int i = 0; i < 50; i++) assertThat(check.check().ready()).isTrue();
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void aFailureNamesWhatWasAskedAndWhy() {
        ReadinessCheck check = ReadinessChecks.reachable("the schema registry at http://r:8081", Duration.ZERO,
                Duration.ofSeconds(2), () -> {
                    throw new java.net.ConnectException("Connection refused");
                });
        ReadinessCheck.Result result = check.check();
        assertThat(result.ready()).isFalse();
        assertThat(result.reason()).isEqualTo("the schema registry at http://r:8081 does not answer: Connection refused");
    }

    @Test
    void aHangingDependencyCostsAProbeNoMoreThanTheTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ReadinessCheck check = ReadinessChecks.reachable("slow thing", Duration.ZERO, Duration.ofMillis(200),
                () -> release.await(30, TimeUnit.SECONDS));
        long started = System.nanoTime();
        ReadinessCheck.Result result = check.check();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(2000);
        assertThat(result.ready()).isFalse();
        assertThat(result.reason()).contains("slow thing").contains("within 200 ms");
        release.countDown();
        Thread.sleep(100);
        assertThat(check.check().ready()).isTrue(); // the call that went on answered; the next probe sees it
    }

    @Test
    void kafkaIsNotReadyWhenNothingListensAtTheBootstrapAddress() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String bootstrap = "127.0.0.1:" + port;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap, "reconnect.backoff.max.ms", 200))) {
            long started = System.nanoTime();
            ReadinessCheck.Result result = ReadinessChecks.kafka(admin, bootstrap).check();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5000);
            assertThat(result.ready()).isFalse();
            assertThat(result.reason()).contains("Kafka at " + bootstrap).contains("bootstrap.servers");
        }
    }

    @Test
    void kafkaClientMetricsAreServedUntilTheBindingIsClosed() {
        try (ServerMetrics metrics = new ServerMetrics();
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", "127.0.0.1:1",
                     "client.id", "bound-producer"), new ByteArraySerializer(), new ByteArraySerializer());
             Admin admin = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:1", "client.id", "bound-admin"))) {
            ServerMetrics.Binding producerBinding = metrics.bindKafkaClient(producer);
            metrics.bindKafkaClient(admin);
            String text = metrics.scrape();
            assertThat(text).contains("kafka_producer_record_send_total{").contains("client_id=\"bound-producer\"")
                    .contains("client_id=\"bound-admin\"");
            producerBinding.close();
            producerBinding.close(); // harmless
            assertThat(metrics.scrape()).doesNotContain("bound-producer").contains("bound-admin");
        }
    }
}
