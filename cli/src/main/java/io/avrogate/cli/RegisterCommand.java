package io.avrogate.cli;

import io.avrogate.check.SchemaRegistration;
import io.avrogate.check.SchemaRepository;
import io.avrogate.registry.client.RegistryClientException;
import io.avrogate.registry.client.SchemaRegistryClient;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
                "Exit status: 0 done (or nothing to do), 1 the registry refused something, 2 usage error."})
final class RegisterCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--schemas", defaultValue = "schemas", description = "The schemas folder (default: ${DEFAULT-VALUE}).")
    Path schemas;

    @Option(names = "--dry-run", description = "Only print what would be registered and which levels would be set.")
    boolean dryRun;

    @Mixin
    RegistryClientOptions registry;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        if (!registry.isSet(cmd)) throw new CommandLine.ParameterException(cmd, "--registry URL is required");
        if (!Files.isDirectory(schemas.resolve("subjects"))) {
            throw new CommandLine.ParameterException(cmd, schemas + " is not a schemas folder (it has no subjects/); use --schemas DIR");
        }
        PrintWriter out = cmd.getOut();
        out.println((dryRun ? "Dry run against " : "Registering into ") + registry.displayUrl());
        out.flush();
        SchemaRegistration.Outcome outcome;
        try (SchemaRegistryClient client = registry.client(cmd)) {
            SchemaRepository repo = SchemaRepository.load(schemas);
            outcome = new SchemaRegistration(repo, client, dryRun, line -> {
                out.println("  " + line);
                out.flush();
            }).run();
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
