package io.avrogate.cli.demo;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The demo: a click-tracking pipeline end to end on this machine, told as a short story of small steps. Each step
 * uses the project's own libraries and services on a real in-process Kafka broker and our real registry.
 */
public final class Demo {
    private static final String INDENT = "      ";

    private final StartStackStep startStack = new StartStackStep();
    private final CheckSchemasStep checkSchemas = new CheckSchemasStep();
    private final CreateTopicsStep createTopics = new CreateTopicsStep();
    private final RegisterSchemasStep registerSchemas = new RegisterSchemasStep();
    private final IngestEventsStep ingestEvents = new IngestEventsStep();
    private final ConsumeStep consume = new ConsumeStep();
    private final BreakingChangeStep breakingChange = new BreakingChangeStep();
    private final DecommissionStep decommission = new DecommissionStep();
    private final List<DemoStep> steps = List.of(startStack, checkSchemas, createTopics, registerSchemas, ingestEvents,
            consume, breakingChange, decommission);

    private Demo() {}

    public static Demo standard() {
        return new Demo();
    }

    /** The steps, in the order {@link #run} tells them. */
    public List<DemoStep> steps() {
        return steps;
    }

    /**
     * Tells the story; each step gets what the earlier ones handed on. The first failure stops it with a
     * {@link DemoFailure} naming the step.
     */
    public DemoStory run(DemoContext context) {
        StartStackStep.Stack stack = chapter(context, startStack, () -> startStack.run(context));
        chapter(context, checkSchemas, () -> checkSchemas.run(context));
        chapter(context, createTopics, () -> createTopics.run(context, stack));
        chapter(context, registerSchemas, () -> registerSchemas.run(context, stack));
        IngestEventsStep.Ingested ingested = chapter(context, ingestEvents, () -> ingestEvents.run(context, stack));
        chapter(context, consume, () -> consume.run(context, stack, ingested));
        BreakingChangeStep.Bridged bridged = chapter(context, breakingChange,
                () -> breakingChange.run(context, stack, ingested));
        chapter(context, decommission, () -> decommission.run(context, stack, ingested, bridged));
        return context.story();
    }

    /** Runs one step: prints its number and title, then its result, time and detail lines. */
    private <R extends DemoStep.Result> R chapter(DemoContext context, DemoStep step, Callable<R> work) {
        PrintWriter out = context.out();
        out.printf("[%d/%d] %s%n", steps.indexOf(step) + 1, steps.size(), step.title());
        out.flush();
        long started = System.nanoTime();
        R result;
        try {
            result = work.call();
        } catch (Exception e) {
            context.takeDetails().forEach(line -> out.println(INDENT + line));
            out.flush();
            throw new DemoFailure(step.title(), e);
        }
        out.printf(Locale.ROOT, "%s%s (%.1f s)%n", INDENT, result.summary(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) / 1000.0);
        context.takeDetails().forEach(line -> out.println(INDENT + "  " + line));
        out.flush();
        return result;
    }

    /** A step failed; the message names it and the cause in one line. */
    public static final class DemoFailure extends RuntimeException {
        DemoFailure(String step, Exception cause) {
            super("demo step '" + step + "' failed: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
        }
    }
}
