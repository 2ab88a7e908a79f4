package io.avrogate.cli;

import io.avrogate.check.SchemaRegistration;
import io.avrogate.check.SchemaRepository;
import io.avrogate.registry.client.RegistryClientException;
import io.avrogate.registry.client.SchemaRegistryClient;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code avrogate register --registry URL}: registers the versions under schemas/ that the registry lacks (referenced
 * subjects first, oldest first) and pins each subject's level from subject.yaml. Idempotent.
 */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = {"Registers every version under schemas/ that the registry does not hold yet, referenced subjects"
                + " first and oldest first, after setting each subject's compatibility level from subject.yaml."
                + " Running it again changes nothing.",
                "Exit status: 0 done (or nothing to do), 1 the registry refused something or could not be used"
                        + " (docs/failures.md), 2 usage error."})
final class RegisterCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--schemas", defaultValue = "schemas", description = "The schemas folder (default: ${DEFAULT-VALUE}).")
    Path schemas;

    @Option(names = "--dry-run", description = "Only print what would be registered and which levels would be set.")
    boolean dryRun;

    @Mixin
    RegistryClientOptions registry;

    /** The process environment; replaced in tests. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        Map<String, Object> settings = registry.settings(cmd, environment);
        if (!Files.isDirectory(schemas.resolve("subjects"))) {
            throw new CommandLine.ParameterException(cmd, schemas + " is not a schemas folder (it has no subjects/); use --schemas DIR");
        }
        PrintWriter out = cmd.getOut();
        SchemaRegistration.Outcome outcome;
        try (SchemaRegistryClient client = RegistryClientOptions.client(cmd, settings)) {
            out.println((dryRun ? "Dry run against " : "Registering into ") + RegistryClientOptions.displayUrl(settings));
            out.flush();
            RegistryProbe.require(settings);
            SchemaRepository repo = SchemaRepository.load(schemas);
            Progress progress = new Progress(cmd.getErr(), Progress.isTerminal(), "register", repo.subjects().size(), "subjects");
            long[] subjectsDone = {0};
            outcome = new SchemaRegistration(repo, client, dryRun, line -> {
                progress.clear();
                out.println("  " + line);
                out.flush();
                progress.update(++subjectsDone[0], subjectsDone[0]);
            }).run();
            progress.finish(subjectsDone[0], subjectsDone[0]);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        } catch (SchemaRegistration.RegistrationException | RegistryClientException e) {
            cmd.getErr().println("avrogate: " + e.getMessage());
            return 1;
        }
        out.println(summary(outcome));
        out.flush();
        return 0;
    }

    private static String summary(SchemaRegistration.Outcome o) {
        if (o.changedNothing()) {
            return "Nothing to register: the registry already holds all " + o.alreadyRegistered() + " versions of "
                    + o.subjects() + " subjects, with their levels.";
        }
        String verb = o.dryRun() ? "Would register " : "Registered ";
        return verb + o.registered() + " version(s) and set " + o.levelsSet()
                + " level(s) over " + o.subjects() + " subjects; " + o.alreadyRegistered() + " version(s) were already there."
                + (o.dryRun() ? " Nothing was changed (dry run)." : "");
    }
}
