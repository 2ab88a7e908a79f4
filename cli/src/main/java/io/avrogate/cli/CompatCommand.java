package io.avrogate.cli;

import io.avrogate.core.AvroSchemas;
import io.avrogate.core.CompatibilityChecker;
import io.avrogate.core.CompatibilityLevel;
import io.avrogate.core.CompatibilityResult;
import io.avrogate.core.Incompatibility;
import io.avrogate.core.InvalidSchemaException;
import io.avrogate.core.VersionedSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code avrogate compat}: a quick local check of one chain of schema files, oldest first, the new one last. */
@Command(name = "compat", mixinStandardHelpOptions = true,
        description = {"Checks the last schema file against the ones before it (oldest first), with the registry's"
                + " rules for the given level.", "Exit status: 0 compatible, 1 incompatible, 2 usage error."})
final class CompatCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--level", defaultValue = "BACKWARD",
            description = "NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL or FULL_TRANSITIVE"
                    + " (default: ${DEFAULT-VALUE}).")
    String level;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Schema files: old versions oldest first, then the new one.")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
        CompatibilityLevel parsedLevel = CompatibilityLevel.parse(level).orElseThrow(() ->
                new CommandLine.ParameterException(spec.commandLine(), "unknown level '" + level + "'"));
        List<VersionedSchema> history = new ArrayList<>();
        for (int i = 0; i < files.size() - 1; i++) {
            history.add(new VersionedSchema(i + 1, AvroSchemas.parseStored(read(files.get(i)))));
        }
        Path newest = files.get(files.size() - 1);
        var candidate = parse(newest);
        CompatibilityResult result = new CompatibilityChecker().check(candidate, history, parsedLevel);
        PrintWriter out = spec.commandLine().getOut();
        if (result.compatible()) {
            out.println("compatible: " + newest + " is " + parsedLevel + " compatible with " + history.size()
                    + " earlier version(s)");
            return 0;
        }
        out.println("incompatible: " + newest + " is not " + parsedLevel + " compatible");
        for (Incompatibility i : result.incompatibilities()) {
            out.println("  - " + i.explanation() + " (" + files.get(i.oldVersion() - 1) + ")");
        }
        return 1;
    }

    private org.apache.avro.Schema parse(Path file) throws IOException {
        try {
            return AvroSchemas.parseCandidate(read(file));
        } catch (InvalidSchemaException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), file + " is not a valid schema: " + e.getMessage());
        }
    }

    private String read(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no such file: " + file);
        }
    }
}
