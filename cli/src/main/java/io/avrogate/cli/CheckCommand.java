package io.avrogate.cli;

import io.avrogate.check.CheckReport;
import io.avrogate.check.CompatibilitySource;
import io.avrogate.check.RegistryCompatibilitySource;
import io.avrogate.check.SchemaCheck;
import io.avrogate.check.report.ReportFormat;
import io.avrogate.registry.client.RegistryClientException;
import io.avrogate.registry.client.SchemaRegistryClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code avrogate check}: the CI schema check over a schemas/ folder. Exit 0 pass, 1 a check failed, 2 usage. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks every schema under schemas/: parsing with references, lint, released versions unchanged"
                + " (with --against), each subject's newest version compatible under its level, and declared breaking"
                + " changes with complete migration mappings.",
                "With --registry, each newest version is checked by the registry against every version it holds"
                + " (as registration would); a subject it does not know passes.",
                "Exit status: 0 all passed, 1 a check failed or the registry could not be used (docs/failures.md),"
                        + " 2 usage error."})
final class CheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--schemas", defaultValue = "schemas", description = "The schemas folder (default: ${DEFAULT-VALUE}).")
    Path schemas;

    @Option(names = "--against", paramLabel = "REF",
            description = "A git ref (e.g. origin/main) whose released versions must be unchanged.")
    String against;

    @Option(names = "--format", defaultValue = "text",
            description = "text, markdown (a pull-request comment), junit (XML) or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report here instead of to stdout.")
    Path output;

    @Option(names = "--fail-on-warning", description = "Exit 1 on warnings too.")
    boolean failOnWarning;

    @Mixin
    RegistryClientOptions registry;

    /** The process environment; replaced in tests. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws IOException {
        ReportFormat reportFormat;
        try {
            reportFormat = ReportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!Files.isDirectory(schemas.resolve("subjects"))) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    schemas + " is not a schemas folder (it has no subjects/); use --schemas DIR");
        }
        CheckReport report;
        Map<String, Object> settings = registry.isSet(spec.commandLine())
                ? registry.settings(spec.commandLine(), environment) : null;
        SchemaRegistryClient client = settings == null ? null : RegistryClientOptions.client(spec.commandLine(), settings);
        String url = settings == null ? null : RegistryClientOptions.displayUrl(settings);
        try {
            if (settings != null) RegistryProbe.require(settings);
            CompatibilitySource source = client == null ? null : new RegistryCompatibilitySource(client, url);
            report = new SchemaCheck(new SchemaCheck.Options(schemas, against, null, source)).run();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        } catch (RegistryClientException e) {
            spec.commandLine().getErr().println("avrogate: cannot check against the registry at " + url
                    + ": " + e.getMessage());
            return 1;
        } finally {
            if (client != null) client.close();
        }
        String rendered = reportFormat.render(report);
        PrintWriter out = spec.commandLine().getOut();
        if (output != null) {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(output, rendered);
            out.println((report.passed(failOnWarning) ? "PASSED" : "FAILED") + ": " + report.errorCount() + " errors, "
                    + report.warningCount() + " warnings; " + reportFormat.name().toLowerCase() + " report in " + output);
        } else {
            out.print(rendered);
        }
        out.flush();
        return report.passed(failOnWarning) ? 0 : 1;
    }
}
