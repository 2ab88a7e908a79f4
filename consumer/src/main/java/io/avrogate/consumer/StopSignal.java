package io.avrogate.consumer;

/**
 * The runner's "please stop", raised from any thread (also from a handler), and the waits that it cuts short: a
 * backoff between handler attempts, or while the registry is unreachable.
 */
final class StopSignal {
    private final Object sleeper = new Object();
    private volatile boolean raised;

    void raise() {
        raised = true;
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
    }

    boolean isRaised() {
        return raised;
    }

    /** Sleeps unless stopping; false when the runner is stopping (the caller abandons the record). */
    boolean sleep(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (sleeper) {
            long left;
            while (!raised && (left = deadline - System.currentTimeMillis()) > 0) {
                try {
                    sleeper.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return !raised;
    }
}
