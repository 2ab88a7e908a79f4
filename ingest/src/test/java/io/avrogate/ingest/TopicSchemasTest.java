package io.avrogate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avrogate.producer.RegisteredSchemas;
import io.avrogate.producer.TrackingSchemas;
import io.avrogate.registry.RegistryServer;
import io.avrogate.registry.client.RegistryClientException;
import io.avrogate.testkit.registry.RegistryExtension;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The latest-schema cache against the real registry, with a clock the test moves. */
@ExtendWith(RegistryExtension.class)
class TopicSchemasTest {
    @Test
    void aNewVersionIsPickedUpOnlyAfterTheTtlAndReferencesAreResolved(RegistryServer registry) {
        try (RegisteredSchemas schemas = new RegisteredSchemas(registry.url())) {
            String topic = RegisteredSchemas.uniqueTopic("app-events");
            schemas.registerValue(topic, "app-events-value", 2);
            AtomicLong now = new AtomicLong();
            TopicSchemas cache = new TopicSchemas(schemas.client(), Duration.ofSeconds(30), now::get);

            TopicSchema first = cache.latest(topic);
            assertThat(first.subject()).isEqualTo(topic + "-value");
            assertThat(first.version()).isEqualTo(1);
            assertThat(first.schema().getField("metadata").schema().getField("geo").schema().getTypes().get(1).getFullName())
                    .isEqualTo(TrackingSchemas.GEO_SUBJECT);

            schemas.registerValue(topic, "app-events-value", 3);
            now.addAndGet(Duration.ofSeconds(29).toNanos());
            assertThat(cache.latest(topic).version()).isEqualTo(1);
            now.addAndGet(Duration.ofSeconds(2).toNanos());
            TopicSchema second = cache.latest(topic);
            assertThat(second.version()).isEqualTo(2);
            assertThat(second.schema()).isEqualTo(TrackingSchemas.parse("app-events-value", 3));
        }
    }

    @Test
    void anUnknownSubjectIsANotFound(RegistryServer registry) {
        try (RegisteredSchemas schemas = new RegisteredSchemas(registry.url())) {
            TopicSchemas cache = new TopicSchemas(schemas.client(), Duration.ofSeconds(30));
            assertThatThrownBy(() -> cache.latest("nobody-" + System.nanoTime()))
                    .isInstanceOfSatisfying(RegistryClientException.class, e -> assertThat(e.isNotFound()).isTrue());
        }
    }
}
