package io.avrogate.server;

/**
 * One condition for {@code /health/ready}: e.g. Kafka is reachable, the store has caught up. A service registers as
 * many as it needs; the listener is ready when all are. Checks run on every probe, so an expensive one should reuse
 * its last answer for a moment.
 */
@FunctionalInterface
public interface ReadinessCheck {
    Result check();

    record Result(boolean ready, String reason) {
        public static Result ok() {
            return new Result(true, null);
        }

        public static Result notReady(String reason) {
            return new Result(false, reason);
        }
    }
}
