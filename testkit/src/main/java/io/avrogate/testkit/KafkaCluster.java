package io.avrogate.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class its own {@link EmbeddedKafkaCluster}, injected as a parameter; see {@link KafkaClusterExtension}.
 *
 * <pre>
 * &#64;KafkaCluster(brokers = 3)
 * class FailoverTest {
 *     &#64;Test void survives(EmbeddedKafkaCluster cluster) { ... cluster.killBroker(...) ... }
 * }
 * </pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaClusterExtension.class)
public @interface KafkaCluster {
    /** Number of brokers (each also a controller). */
    int brokers() default 3;
}
