package io.avrogate.testkit.registry;

import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.KafkaExtension;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests a real Kafka broker and our real schema registry on a real HTTP port, both shared
 * by every test class in the JVM and stopped after the last test. Inject either or both:
 *
 * <pre>
 * &#64;ExtendWith(RegistryExtension.class)
 * class MyTest {
 *     &#64;Test void works(EmbeddedKafka kafka, RegistryServer registry) { ... registry.url() ... }
 * }
 * </pre>
 *
 * The registry is shared: tests must use their own subject and topic names (e.g. with a random suffix).
 */
public final class RegistryExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RegistryExtension.class);

    private record SharedRegistry(RegistryServer server) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EmbeddedKafka.class || type == RegistryServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedKafka.class ? KafkaExtension.broker(context) : registry(context);
    }

    /** The JVM-wide registry, started on first use against the JVM-wide broker. */
    public static RegistryServer registry(ExtensionContext context) {
        EmbeddedKafka kafka = KafkaExtension.broker(context);
        // Stored after the broker, so JUnit closes it before the broker (the root store closes in reverse order).
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedRegistry.class, k -> new SharedRegistry(RegistryServer.start(Map.of(
                        "listeners", "http://127.0.0.1:0",
                        "kafkastore.bootstrap.servers", kafka.bootstrapServers()))), SharedRegistry.class)
                .server();
    }
}
