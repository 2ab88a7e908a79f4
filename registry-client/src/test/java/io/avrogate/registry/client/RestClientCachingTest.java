package io.avrogate.registry.client;

import static io.avrogate.registry.client.RestSchemaRegistryClientTest.V1;
import static io.avrogate.registry.client.RestSchemaRegistryClientTest.V2;
import static io.avrogate.registry.client.RestSchemaRegistryClientTest.code;
import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.registry.RegistryExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The client's caches, proven by counting the requests that reach the real registry through a forwarding proxy. */
@ExtendWith(RegistryExtension.class)
class RestClientCachingTest {
    private ForwardingProxy proxy;
    private String subject;

    @BeforeEach
    void setUp(RegistryServer registry) throws Exception {
        proxy = ForwardingProxy.http(registry.url());
        subject = "cache-" + UUID.randomUUID() + "-value";
    }

    @AfterEach
    void tearDown() {
        proxy.close();
    }

    private SchemaRegistryClient client(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put("schema.registry.url", proxy.url());
        return SchemaRegistryClients.create(config);
    }

    @Test
    void aWarmRegisterAndSchemaByIdMakeNoHttpCall() {
        SchemaRegistryClient client = client(Map.of());
        int id = client.register(subject, V1, false);
        client.schemaById(id);
        assertThat(proxy.count()).isEqualTo(2);
        proxy.reset();

        for (int i = 0; i < 100; i++) {
            // A new but equal SchemaContent each time: the caches are keyed by content, not identity.
            assertThat(client.register(subject, SchemaContent.avro(new String(V1.schema())), false)).isEqualTo(id);
            assertThat(client.schemaById(id)).isEqualTo(V1);
        }
        assertThat(proxy.count()).isZero();
    }

    @Test
    void normalizeAndSubjectArePartOfTheCacheKey() {
        SchemaRegistryClient client = client(Map.of());
        client.register(subject, V1, false);
        client.register(subject, V1, true);
        client.register(subject + "-other", V1, false);
        assertThat(proxy.count()).isEqualTo(3);
    }

    @Test
    void lookupsAreCachedAndFillTheIdCache() {
        SchemaRegistryClient writer = client(Map.of());
        int id = writer.register(subject, V1, false);
        SchemaRegistryClient reader = client(Map.of());
        proxy.reset();
        SubjectVersion found = reader.lookup(subject, V1, false);
        assertThat(reader.lookup(subject, V1, false)).isEqualTo(found);
        assertThat(reader.schemaById(id)).isEqualTo(V1);
        assertThat(proxy.count()).as("only the first lookup went out").isEqualTo(1);
    }

    @Test
    void latestIsCachedForItsTtlAndDroppedWhenThisClientRegisters() {
        SchemaRegistryClient client = client(Map.of("latest.cache.ttl.sec", "3600"));
        client.register(subject, V1, false);
        proxy.reset();
        assertThat(client.latest(subject).version()).isEqualTo(1);
        assertThat(client.latest(subject).version()).isEqualTo(1);
        assertThat(proxy.count()).isEqualTo(1);

        client.register(subject, V2, false);
        assertThat(client.latest(subject).version()).as("a registration through this client invalidates").isEqualTo(2);
    }

    @Test
    void latestIsNotCachedWithTtlZero() {
        SchemaRegistryClient client = client(Map.of("latest.cache.ttl.sec", "0"));
        client.register(subject, V1, false);
        proxy.reset();
        client.latest(subject);
        client.latest(subject);
        assertThat(proxy.count()).isEqualTo(2);
    }

    @Test
    void notFoundAnswersAreRememberedOnlyWhenConfigured() {
        SchemaRegistryClient plain = client(Map.of());
        assertThat(code(() -> plain.schemaById(Integer.MAX_VALUE - 1))).isEqualTo(40403);
        assertThat(code(() -> plain.schemaById(Integer.MAX_VALUE - 1))).isEqualTo(40403);
        assertThat(proxy.count()).as("missing.id.cache.ttl.sec defaults to 0").isEqualTo(2);

        proxy.reset();
        SchemaRegistryClient negative = client(Map.of("missing.id.cache.ttl.sec", "60",
                "missing.schema.cache.ttl.sec", "60", "missing.version.cache.ttl.sec", "60"));
        for (int i = 0; i < 3; i++) {
            assertThat(code(() -> negative.schemaById(Integer.MAX_VALUE - 1))).isEqualTo(40403);
            assertThat(code(() -> negative.lookup(subject, V1, false))).isEqualTo(40401);
            assertThat(code(() -> negative.version(subject, "3"))).isEqualTo(40401);
        }
        assertThat(proxy.count()).isEqualTo(3);

        // Registering in the subject through this client forgets what it remembered as missing there.
        negative.register(subject, V1, false);
        assertThat(negative.lookup(subject, V1, false).version()).isEqualTo(1);
    }

    @Test
    void deletesDropTheSubjectsCachedAnswers() {
        SchemaRegistryClient client = client(Map.of());
        client.register(subject, V1, false);
        client.lookup(subject, V1, false);
        client.deleteSubject(subject, false);
        assertThat(code(() -> client.lookup(subject, V1, false))).isEqualTo(40401);
        int again = client.register(subject, V1, false);
        assertThat(client.version(subject, "latest").version()).as("re-registered after the delete").isEqualTo(2);
        assertThat(client.schemaById(again)).isEqualTo(V1);
    }

    @Test
    void oneClientSharedByManyThreadsAgreesAndStaysWarm() throws Exception {
        SchemaRegistryClient client = client(Map.of());
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Set<Integer>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    Set<Integer> ids = new HashSet<>();
                    for (int i = 0; i < 200; i++) {
                        int id = client.register(subject, SchemaContent.avro(new String(V1.schema())), false);
                        assertThat(client.schemaById(id)).isEqualTo(V1);
                        ids.add(id);
                    }
                    return ids;
                }));
            }
            Set<Integer> all = new HashSet<>();
            for (Future<Set<Integer>> r : results) all.addAll(r.get(60, TimeUnit.SECONDS));
            assertThat(all).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        // 3,200 registrations and reads; at most each thread's first pair (racing a cold cache) reached the registry.
        assertThat(proxy.count()).isLessThanOrEqualTo(2 * threads);
    }

    @Test
    void cachesAreBounded() {
        SchemaRegistryClient client = client(Map.of("schema.cache.size", "20"));
        for (int i = 0; i < 60; i++) {
            client.register(subject + "-" + i, V1, false);
        }
        assertThat(((RestSchemaRegistryClient) client).cachedRegistrations()).isBetween(1, 20);
    }
}
