package io.avrogate.cli.demo;

/**
 * One chapter of the demo's story. Each step does real work on the running stack through the same APIs a user would
 * call and records its counts in the {@link DemoStory}. What it needs from earlier chapters it takes as arguments of
 * its {@code run} method, and what later chapters need it returns in its {@link Result}: {@link Demo#run} passes them
 * on, so the order the steps depend on is written down there.
 */
public interface DemoStep {
    /** What the step does, e.g. "Check the schemas in git". */
    String title();

    /** What a step hands on; its summary is the step's one-line result. Detail lines go through {@link DemoContext#detail}. */
    interface Result {
        String summary();
    }
}
