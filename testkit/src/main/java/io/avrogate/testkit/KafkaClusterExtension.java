package io.avrogate.testkit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension that starts one {@link EmbeddedKafkaCluster} per test class, before its tests (so that the start
 * does not count against the first test's time), and stops it after the class. Unlike {@link KafkaExtension}'s broker it is not shared across classes: tests kill and restart its brokers.
 * Nested classes share their outer class's cluster. After each test, any broker the test left stopped or killed is
 * restarted, so every test begins with the whole cluster. The number of brokers comes from {@link KafkaCluster @KafkaCluster} (3 without it).
 */
public final class KafkaClusterExtension implements BeforeAllCallback, ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaClusterExtension.class);

    /** Holds the cluster in the class's store so that JUnit closes it after the class. */
    private record ClassCluster(EmbeddedKafkaCluster cluster) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            cluster.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedKafkaCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cluster(context);
    }

    /** The test class's cluster, started on first use. */
    private static EmbeddedKafkaCluster cluster(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        int brokers = AnnotationSupport.findAnnotation(classContext.getRequiredTestClass(), KafkaCluster.class)
                .map(KafkaCluster::brokers).orElse(3);
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(ClassCluster.class, k -> new ClassCluster(EmbeddedKafkaCluster.start(brokers)), ClassCluster.class)
                .cluster();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ClassCluster started = classContext(context).getStore(NAMESPACE).get(ClassCluster.class, ClassCluster.class);
        if (started != null) started.cluster().restartStoppedBrokers();
    }

    /** The context of the outermost test class (nested classes share its cluster), whose store lives as long as it. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getParent().isPresent() && current.getParent().get().getTestClass().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }
}
