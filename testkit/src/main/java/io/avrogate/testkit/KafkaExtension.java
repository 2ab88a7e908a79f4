package io.avrogate.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts one broker per test JVM, lazily, shared by every test class that uses it, and
 * stops it when the JVM's tests are done. Inject it as a parameter:
 *
 * <pre>
 * &#64;ExtendWith(KafkaExtension.class)
 * class MyTest {
 *     &#64;Test void works(EmbeddedKafka kafka) { ... kafka.bootstrapServers() ... }
 * }
 * </pre>
 *
 * Tests sharing a broker must not share topic names: derive them from the test (e.g. a random suffix).
 */
public final class KafkaExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaExtension.class);

    /** Holds the broker in the root store so that JUnit closes it once, after the last test. */
    private record SharedBroker(EmbeddedKafka kafka) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            kafka.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return broker(context);
    }

    /** The JVM-wide broker, started on first use. */
    public static EmbeddedKafka broker(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedBroker.class, k -> new SharedBroker(EmbeddedKafka.start()), SharedBroker.class)
                .kafka();
    }
}
