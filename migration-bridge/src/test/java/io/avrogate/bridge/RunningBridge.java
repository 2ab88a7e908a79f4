package io.avrogate.bridge;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** A bridge running on its own thread inside the test JVM; stopped (finishing its batch) by close(). */
final class RunningBridge implements AutoCloseable {
    final BridgeRunner runner;
    private final Thread thread;
    final AtomicReference<Throwable> failure = new AtomicReference<>();

    RunningBridge(Map<String, Object> props) {
        runner = BridgeRunner.start(BridgeRunner.config(props));
        thread = new Thread(() -> {
            try {
                runner.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "bridge-" + props.get(BridgeConfig.INSTANCE_ID));
        thread.start();
    }

    BridgeMetrics metrics() {
        return runner.metrics();
    }

    @Override
    public void close() throws InterruptedException {
        runner.stop();
        thread.join(30_000);
        runner.close();
        if (failure.get() != null) throw new AssertionError("the bridge failed", failure.get());
    }
}
