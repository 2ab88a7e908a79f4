package io.avrogate.cli;

import io.avrogate.cli.init.ProjectTemplate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code avrogate init DIR}: a new application project with the schema check, code generation and the serde wired in. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Creates an application project in DIR: a Maven pom importing avrogate-bom, the schema check"
                + " before code generation (avrogate-schema-check-maven-plugin, then avro-maven-plugin), the serde,"
                + " one example subject under schemas/subjects/, the Kafka settings, and a test.",
                "Exit status: 0 created, 1 DIR is not empty, 2 usage error."})
final class InitCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The project folder; created, or empty.")
    Path dir;

    @Option(names = "--group-id", defaultValue = "com.example", description = "Maven groupId (default: ${DEFAULT-VALUE}).")
    String groupId;

    @Option(names = "--artifact-id", description = "Maven artifactId (default: DIR's name).")
    String artifactId;

    @Option(names = "--package", description = "Java package (default: groupId.artifactId, lower case, without dashes).")
    String javaPackage;

    @Option(names = "--avrogate-version", paramLabel = "VERSION",
            description = "The avrogate BOM and plugin version the project uses (default: this command's, ${DEFAULT-VALUE}).")
    String avrogateVersion = ProjectTemplate.avrogateVersion();

    @Override
    public Integer call() throws IOException {
        String artifact = artifactId != null ? artifactId : dir.toAbsolutePath().normalize().getFileName().toString();
        String pkg = javaPackage != null ? javaPackage : ProjectTemplate.defaultPackage(groupId, artifact);
        ProjectTemplate template;
        try {
            template = new ProjectTemplate(groupId, artifact, pkg, avrogateVersion);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<Path> files;
        try {
            files = template.writeTo(dir);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("avrogate: cannot create the project: " + e.getMessage());
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Created " + groupId + ":" + artifact + " (package " + pkg + ", avrogate " + avrogateVersion + ") in "
                + dir + ":");
        files.forEach(f -> out.println("  " + f));
        out.println("Next: cd " + dir + " && mvn verify   (the avrogate artifacts come from Maven Central, or from your"
                + " local repository after the install command in the avrogate README, \"Use it in your project\")");
        return 0;
    }
}
