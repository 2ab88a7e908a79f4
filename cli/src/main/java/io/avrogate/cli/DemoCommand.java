package io.avrogate.cli;

import io.avrogate.cli.demo.Demo;
import io.avrogate.cli.demo.DemoContext;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code avrogate demo [--keep]}: the whole pipeline on this machine, as a short story with counts. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline on this machine, in this process: a Kafka broker and the schema registry,"
                + " the schema check, and the parts of the pipeline this build has, printed as a short story with counts.",
                "Exit status: 0 the story ran to the end, 1 a step failed."})
final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--keep", description = "Leave the broker, registry and services running afterwards (until Ctrl-C)"
            + " and print how to try them.")
    boolean keep;

    @Option(names = "--schemas", defaultValue = "schemas", description = "The schemas folder (default: ${DEFAULT-VALUE}).")
    Path schemas;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(schemas.resolve("subjects"))) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    schemas + " is not a schemas folder (it has no subjects/); run the demo from the repository root or use --schemas DIR");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("avrogate demo: a schema-governed click-tracking pipeline, end to end, on this machine.");
        out.flush();
        long started = System.nanoTime();
        try (DemoContext context = new DemoContext(out, schemas)) {
            Demo.standard().run(context);
            out.printf(Locale.ROOT, "Done in %.1f s.%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) / 1000.0);
            if (keep) {
                out.println();
                out.println("The stack keeps running. Try:");
                context.hints().forEach(h -> out.println("  " + h));
                out.println("Press Ctrl-C to stop.");
                out.flush();
                RegistryCommand.awaitShutdown();
                out.println("stopping...");
            }
            out.flush();
        }
        return 0;
    }
}
