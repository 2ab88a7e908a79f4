package io.avrogate.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
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
            DlqCommand.class,
            TopicsCommand.class,
            PasswdCommand.class,
            InitCommand.class,
        })
public final class Main implements Callable<Integer> {
    /** Exit status of a usage error: a missing or unknown command, option or argument. */
    static final int USAGE = CommandLine.ExitCode.USAGE;

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

    /** Without a command there is nothing to do: that is a usage error. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("avrogate: missing command; try 'avrogate demo', or one of the commands below.");
        spec.commandLine().usage(err);
        return USAGE;
    }

    /**
     * Builds the command line with avrogate's conventions: a usage error is one line with a hint (and a suggestion
     * for a misspelt option or command), exit 2; a failure is one line, exit 1; {@code -V} works on every command.
     */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Main());
        String[] version = cmd.getCommandSpec().version();
        setVersion(cmd, version);
        cmd.setParameterExceptionHandler(Main::usageError);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("avrogate: " + failureReason(ex));
            commandLine.getErr().flush();
            return Failure.EXIT_CODE;
        });
        return cmd;
    }

    private static void setVersion(CommandLine cmd, String[] version) {
        cmd.getCommandSpec().version(version);
        cmd.getSubcommands().values().forEach(sub -> setVersion(sub, version));
    }

    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("avrogate: " + Failure.oneLine(ex.getMessage()));
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) err.println("Did you mean: " + String.join(" or ", suggestions) + "?");
        }
        err.println("See '" + commandLine.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return USAGE;
    }

    /** One line for an error no command turned into a {@link Failure}: never a stack trace, never "null". */
    static String failureReason(Exception ex) {
        if (ex instanceof Failure) return ex.getMessage();
        if (Failure.isPortInUse(ex)) {
            return "a port is already in use (" + Failure.oneLine(Failure.messageOf(ex)) + "): stop what listens there,"
                    + " or choose another port (see --help)";
        }
        return Failure.oneLine(Failure.messageOf(ex));
    }

    /** Set when the JVM is shutting down (Ctrl-C): System.exit would then block until the shutdown hooks end. */
    static volatile boolean stopping;

    public static void main(String[] args) {
        LogFormat.applyFrom(args);
        int code = commandLine().execute(args);
        if (!stopping) System.exit(code);
    }
}
