package io.avrogate.cli.demo;

import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.EmbeddedKafka;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the steps share: where to print, the schemas folder, the running broker and registry, the story's counts, the
 * things to stop at the end (in reverse order of starting), and the hints printed when the stack is kept running.
 */
public final class DemoContext implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoContext.class);

    private final PrintWriter out;
    private final Path schemas;
    private final DemoStory story = new DemoStory();
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final List<String> hints = new ArrayList<>();
    private EmbeddedKafka kafka;
    private RegistryServer registry;

    public DemoContext(PrintWriter out, Path schemas) {
        this.out = out;
        this.schemas = schemas;
    }

    public Path schemas() {
        return schemas;
    }

    public DemoStory story() {
        return story;
    }

    public EmbeddedKafka kafka() {
        if (kafka == null) throw new IllegalStateException("the broker is not started yet");
        return kafka;
    }

    public RegistryServer registry() {
        if (registry == null) throw new IllegalStateException("the registry is not started yet");
        return registry;
    }

    void started(EmbeddedKafka kafka, RegistryServer registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    /** Keeps something running until the demo ends; closed in reverse order of registration. */
    public <T extends AutoCloseable> T keep(T resource) {
        running.push(resource);
        return resource;
    }

    /** A line under the current step, indented. */
    public void detail(String line) {
        out.println("      " + line);
        out.flush();
    }

    /** Something a user can try against the running stack, printed with --keep. */
    public void hint(String line) {
        hints.add(line);
    }

    public List<String> hints() {
        return List.copyOf(hints);
    }

    PrintWriter out() {
        return out;
    }

    @Override
    public void close() {
        while (!running.isEmpty()) {
            AutoCloseable resource = running.pop();
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("could not stop {}: {}", resource, e.toString());
            }
        }
    }
}
