package io.avrogate.cli.demo;

import io.avrogate.bridge.BridgeConfig;
import io.avrogate.bridge.BridgeMetrics;
import io.avrogate.bridge.BridgeRunner;

/** A migration bridge running on its own thread, as {@code avrogate bridge} runs it; stopped at the end of the demo. */
final class RunningBridge implements AutoCloseable {
    private final BridgeRunner runner;
    private final BridgeConfig config;
    private final Thread thread;

    RunningBridge(BridgeConfig config) {
        this.config = config;
        this.runner = BridgeRunner.start(config);
        this.thread = new Thread(runner::run, "demo-bridge");
        thread.setDaemon(true);
        thread.start();
    }

    BridgeConfig config() {
        return config;
    }

    BridgeMetrics metrics() {
        return runner.metrics();
    }

    int httpPort() {
        return runner.httpPort();
    }

    @Override
    public void close() throws InterruptedException {
        runner.stop();
        thread.join(15_000);
        runner.close();
    }
}
