package io.avrogate.cli.demo;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The demo: a click-tracking pipeline end to end on this machine, told as a short story of small steps. Each step
 * uses the project's own libraries and services on a real in-process Kafka broker and our real registry.
 */
public final class Demo {
    private static final String INDENT = "      ";

    private final List<DemoStep> steps;

    public Demo(List<DemoStep> steps) {
        this.steps = List.copyOf(steps);
    }

    /** The story, in order. A step joins here once the part of avrogate it shows exists. */
    public static Demo standard() {
        return new Demo(List.of(
                new StartStackStep(),
                new CheckSchemasStep(),
                new CreateTopicsStep(),
                new RegisterSchemasStep(),
                new IngestEventsStep(),
                new ConsumeStep(),
                new BreakingChangeStep(),
                new DecommissionStep()));
    }

    public List<DemoStep> steps() {
        return steps;
    }

    /** Runs every step; the first failure stops the story with a {@link DemoFailure} naming the step. */
    public DemoStory run(DemoContext context) {
        PrintWriter out = context.out();
        for (int i = 0; i < steps.size(); i++) {
            DemoStep step = steps.get(i);
            out.printf("[%d/%d] %s%n", i + 1, steps.size(), step.title());
            out.flush();
            long started = System.nanoTime();
            String result;
            try {
                result = step.run(context);
            } catch (Exception e) {
                context.takeDetails().forEach(line -> out.println(INDENT + line));
                out.flush();
                throw new DemoFailure(step.title(), e);
            }
            out.printf(Locale.ROOT, "%s%s (%.1f s)%n", INDENT, result,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) / 1000.0);
            context.takeDetails().forEach(line -> out.println(INDENT + "  " + line));
            out.flush();
        }
        return context.story();
    }

    /** A step failed; the message names it and the cause in one line. */
    public static final class DemoFailure extends RuntimeException {
        DemoFailure(String step, Exception cause) {
            super("demo step '" + step + "' failed: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
        }
    }
}
