package io.avrogate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code avrogate config-reference}: prints (or writes) the configuration reference generated from the code. */
@Command(name = "config-reference", mixinStandardHelpOptions = true,
        description = "Prints every setting of every component (type, default, valid values, environment variable) in"
                + " Markdown, generated from the code; docs/configuration.md is this output.")
final class ConfigReferenceCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--output", paramLabel = "FILE", description = "Write it to this file instead of stdout.")
    Path output;

    @Override
    public Integer call() throws Exception {
        String reference = ConfigurationReference.render();
        if (output == null) {
            spec.commandLine().getOut().print(reference);
        } else {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(output, reference);
            spec.commandLine().getOut().println("wrote " + output);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
