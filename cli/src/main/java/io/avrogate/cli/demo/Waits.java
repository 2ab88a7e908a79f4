package io.avrogate.cli.demo;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for something that happens on another thread (a consumer catching up), with a deadline and a reason. */
final class Waits {
    private Waits() {}

    static void until(BooleanSupplier condition, Duration timeout, String whatIfNot) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException(whatIfNot + " within " + timeout.toSeconds() + " s");
            Thread.sleep(50);
        }
    }
}
