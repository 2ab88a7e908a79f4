package io.avrogate.bridge;

import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** The ad-clicks fixture for tests in other packages: topics, a bridged run, more records. */
public final class AdClicksTestAccess {
    private final AdClicksFixture fx;

    private AdClicksTestAccess(AdClicksFixture fx) {
        this.fx = fx;
    }

    public static AdClicksTestAccess create(EmbeddedKafka kafka, RegistryServer registry, Path tempDir) {
        return new AdClicksTestAccess(new AdClicksFixture(kafka, registry, tempDir, 2));
    }

    public String suffix() { return fx.suffix; }
    public String oldTopic() { return fx.oldTopic; }
    public String newTopic() { return fx.newTopic; }
    public String group() { return fx.group; }
    public Path mappingFile() { return fx.mappingFile; }
    public java.util.Map<String, Object> bridgeProps() { return fx.bridgeProps("status"); }

    public Properties clientProps() {
        Properties p = new Properties();
        p.put("bootstrap.servers", fx.kafka.bootstrapServers());
        return p;
    }

    /** Produces n clicks and runs a bridge until all of them are on the old topic. */
    public void produceAndBridge(int n) throws Exception {
        int start = produceOnly(n);
        try (RunningBridge bridge = new RunningBridge(fx.bridgeProps("status"))) {
            fx.readCommitted(fx.oldTopic, r -> r.size() >= start + n, Duration.ofSeconds(60));
            long deadline = System.currentTimeMillis() + 10_000;
            while (bridge.metrics().translated() < n && System.currentTimeMillis() < deadline) Thread.sleep(20);
        }
    }

    private int produced;

    /** Produces n more clicks on the new topic; answers how many were there before. */
    public int produceOnly(int n) {
        List<byte[][]> sent = new ArrayList<>();
        for (int i = produced; i < produced + n; i++) sent.add(new byte[][] {AdClicksFixture.key(i), fx.encode(AdClicksFixture.click(i))});
        fx.produce(sent);
        int before = produced;
        produced += n;
        return before;
    }

    /** A bridge with these settings, running until closed. */
    public AutoCloseable run(java.util.Map<String, Object> props) {
        return new RunningBridge(props);
    }

    public void close() {
        fx.close();
    }
}
