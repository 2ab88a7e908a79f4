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

    @Option(names = "--ref", paramLabel = "FILE",
            description = "A schema file defining a named type the others reference (repeatable; referenced types"
                    + " before the ones that use them).")
    List<Path> references = new ArrayList<>();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Schema files: old versions oldest first, then the new one.")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
        CompatibilityLevel parsedLevel = CompatibilityLevel.parse(level).orElseThrow(() ->
                new CommandLine.ParameterException(spec.commandLine(), "unknown level '" + level + "'"));
        List<String> referenceTexts = new ArrayList<>();
        for (Path reference : references) referenceTexts.add(read(reference));
        List<VersionedSchema> history = new ArrayList<>();
        for (int i = 0; i < files.size() - 1; i++) {
            history.add(new VersionedSchema(i + 1, parse(files.get(i), referenceTexts, false)));
        }
        Path newest = files.get(files.size() - 1);
        var candidate = parse(newest, referenceTexts, true);
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

    /** Old versions are parsed as stored (defaults not re-validated), the new one as a candidate, as the registry does. */
    private org.apache.avro.Schema parse(Path file, List<String> referenceTexts, boolean candidate) throws IOException {
        try {
            return AvroSchemas.parse(read(file), referenceTexts, candidate);
        } catch (InvalidSchemaException e) {
            String hint = e.getMessage().matches("(?s).*Undefined (name|schema).*") ? " (pass the files defining them with --ref)" : "";
            throw new CommandLine.ParameterException(spec.commandLine(), file + " is not a valid schema: " + e.getMessage() + hint);
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
