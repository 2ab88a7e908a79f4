package io.avrogate.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.slf4j.Marker;

/**
 * Drops the few Kafka client WARN lines that an in-process broker writes on every clean stop (its internal clients are
 * closed twice). Kafka client warnings stay visible otherwise: an unreachable broker or a failed authentication is
 * what an operator must see, so this filters by exact message, never by logger.
 */
public final class BenignKafkaWarnings extends TurboFilter {
    private static final List<String> MESSAGES = List.of(
            "Attempting to close NetworkClient that has already been closed.");

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level != Level.WARN || format == null || !logger.getName().startsWith("org.apache.kafka.clients")) {
            return FilterReply.NEUTRAL;
        }
        for (String message : MESSAGES) {
            if (format.endsWith(message)) return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
