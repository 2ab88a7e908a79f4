package io.avrogate.cli.demo;

/**
 * One chapter of the demo's story. Each step does real work on the running stack through the same APIs a user would
 * call, records its counts in the {@link DemoStory}, and answers a one-line summary of what happened.
 */
public interface DemoStep {
    /** What the step does, e.g. "Check the schemas in git". */
    String title();

    /** Does the work; detail lines go through {@link DemoContext#detail}. Returns the step's one-line result. */
    String run(DemoContext context) throws Exception;
}
