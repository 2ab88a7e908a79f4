package io.avrogate.cli.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the demo runs, the same for every step: where to print, the schemas folder, the story's counts, the things to
 * stop at the end (in reverse order of starting), and the hints printed when the stack is kept running. What one step
 * hands to the next is not kept here: steps return it, and {@link Demo#run} passes it on.
 */
public final class DemoContext implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoContext.class);

    private final PrintWriter out;
    private final Path schemas;
    private final DemoStory story = new DemoStory();
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final List<String> hints = new ArrayList<>();

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

    /** Keeps something running until the demo ends; closed in reverse order of registration. */
    public <T extends AutoCloseable> T keep(T resource) {
        running.push(resource);
        return resource;
    }

    private final List<String> details = new ArrayList<>();

    /** A line printed under the current step's result, indented. */
    public void detail(String line) {
        details.add(line);
    }

    /** The current step's detail lines, cleared. */
    List<String> takeDetails() {
        List<String> out = List.copyOf(details);
        details.clear();
        return out;
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
