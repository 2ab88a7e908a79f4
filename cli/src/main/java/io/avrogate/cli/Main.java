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

    /** Accepted before or after the subcommand's name; {@link #main} applies it before anything logs. */
    @CommandLine.Option(names = "--log-format", paramLabel = "text|json", scope = CommandLine.ScopeType.INHERIT,
            description = "Log lines (stderr) as plain text (default) or as one JSON object per line;"
                    + " also env AVROGATE_LOG_FORMAT.")
    void logFormat(String format) {
        if (!LogFormat.valid(format)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--log-format must be text or json, not '" + format + "'");
        }
        LogFormat.apply(format);
    }

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
        LogFormat.applyFrom(args);
        int code = commandLine().execute(args);
        if (!stopping) System.exit(code);
    }
}
