package io.avrogate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one {@code avrogate} command. Each subcommand lives in its own class. */
@Command(
        name = "avrogate",
        mixinStandardHelpOptions = true,
        version = "avrogate 0.1.0-SNAPSHOT",
        description = "A schema-governed Avro event pipeline for Apache Kafka.",
        subcommands = {
            HelpCommand.class,
            CheckCommand.class,
            BridgeCommand.class,
            CompatCommand.class,
            RegistryCommand.class,
            RegisterCommand.class,
            UpCommand.class,
            ConfigReferenceCommand.class,
            DemoCommand.class,
            IngestCommand.class,
            ConsoleCommand.class,
            ProduceCommand.class,
            ConsumeCommand.class,
            PasswdCommand.class,
            InitCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Builds the command line with avrogate's conventions: exit 2 on usage errors, one-line failure reasons. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("avrogate: " + ex.getMessage());
            return 1;
        });
        return cmd;
    }

    /** Set when the JVM is shutting down (Ctrl-C): System.exit would then block until the shutdown hooks end. */
    static volatile boolean stopping;

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (!stopping) System.exit(code);
    }
}
