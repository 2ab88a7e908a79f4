package io.avrogate.server;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * A WARN line, without stack trace, at most once per interval: what hostile or broken clients do is worth knowing
 * about, but a flood of them must not become a flood of log lines. The lines dropped meanwhile are counted in the next.
 */
final class RateLimitedWarning {
    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong nextAt = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    RateLimitedWarning(Logger log, long intervalMillis) {
        this.log = log;
        this.intervalNanos = intervalMillis * 1_000_000;
    }

    void warn(String format, Object... args) {
        long now = System.nanoTime();
        long next = nextAt.get();
        if ((next != Long.MIN_VALUE && now - next < 0) || !nextAt.compareAndSet(next, now + intervalNanos)) {
            suppressed.incrementAndGet();
            return;
        }
        long dropped = suppressed.getAndSet(0);
        String line = dropped == 0 ? format : format + " (" + dropped + " similar since the last such line)";
        log.warn(line, args);
    }
}
