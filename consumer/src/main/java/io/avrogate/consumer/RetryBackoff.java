package io.avrogate.consumer;

/** Exponential backoff between handler attempts: {@code initial × 2^(retry-1)}, capped at {@code max}. */
record RetryBackoff(int maxAttempts, long initialMillis, long maxMillis) {

    /** The wait before attempt number {@code nextAttempt} (2 for the first retry). */
    long delayBefore(int nextAttempt) {
        int doublings = Math.min(Math.max(nextAttempt - 2, 0), 30);
        long delay = initialMillis << doublings;
        return delay < 0 ? maxMillis : Math.min(delay, maxMillis);
    }

    boolean mayRetryAfter(int attempts) {
        return attempts < maxAttempts;
    }
}
