package io.avrogate.server.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failed authentications per client address: after {@code limit} in a row, the address is locked out for
 * {@code lockoutMillis}, during which its credentials are not even checked (a guessing loop gets nothing but 401s
 * and costs the server no hashing). A success clears the count. The table is bounded: when it is full, entries
 * that are neither locked out nor recent are dropped first.
 */
final class FailedAttempts {
    private static final int MAX_ADDRESSES = 100_000;

    private record Entry(int failures, long lockedUntil, long lastFailure) {}

    private final int limit;
    private final long lockoutMillis;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Entry> byAddress = new ConcurrentHashMap<>();

    FailedAttempts(int limit, long lockoutMillis, LongSupplier clock) {
        this.limit = limit;
        this.lockoutMillis = lockoutMillis;
        this.clock = clock;
    }

    boolean lockedOut(String address) {
        Entry e = byAddress.get(address);
        return e != null && e.lockedUntil() > clock.getAsLong();
    }

    void failed(String address) {
        long now = clock.getAsLong();
        if (byAddress.size() >= MAX_ADDRESSES) prune(now);
        byAddress.compute(address, (a, e) -> {
            int failures = (e == null || e.lockedUntil() != 0 && e.lockedUntil() <= now) ? 1 : e.failures() + 1;
            return new Entry(failures, failures >= limit ? now + lockoutMillis : 0, now);
        });
    }

    void succeeded(String address) {
        byAddress.remove(address);
    }

    private void prune(long now) {
        byAddress.entrySet().removeIf(en -> en.getValue().lockedUntil() <= now
                && now - en.getValue().lastFailure() > lockoutMillis);
        if (byAddress.size() >= MAX_ADDRESSES) byAddress.entrySet().removeIf(en -> en.getValue().lockedUntil() <= now);
    }
}
