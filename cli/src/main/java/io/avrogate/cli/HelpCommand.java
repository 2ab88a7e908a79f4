package io.avrogate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code avrogate help [COMMAND | TOPIC]}: a command's usage, as picocli's help command prints it, or a topic of the
 * documentation. Messages point here ("avrogate help schemas") rather than to a file of this repository, which an
 * application's developer does not have.
 */
@Command(name = "help", helpCommand = true,
        description = {"Shows the usage of a command, or a topic: schemas (the schemas folder, subject.yaml, adding a"
                + " version, declaring a breaking change, the mapping format, sample records for a mapping)."})
final class HelpCommand implements Runnable {
    /** A topic: a README bundled with this command, less the sections that only concern this repository. */
    private record Topic(String resource, Set<String> leftOut) {}

    static final Map<String, Topic> TOPICS = Map.of(
            "schemas", new Topic("help/schemas/README.md", Set.of("## The example domain", "## Generated classes",
                    "## How it is tested")));

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "COMMAND|TOPIC", description = "A command, or a topic: ${COMPLETION-CANDIDATES}.",
            completionCandidates = TopicNames.class)
    String name;

    @Override
    public void run() {
        CommandLine root = spec.root().commandLine();
        if (name == null) {
            root.usage(spec.commandLine().getOut());
        } else if (root.getSubcommands().containsKey(name)) {
            root.getSubcommands().get(name).usage(spec.commandLine().getOut());
        } else if (TOPICS.containsKey(name)) {
            spec.commandLine().getOut().print(render(TOPICS.get(name)));
            spec.commandLine().getOut().flush();
        } else {
            throw new CommandLine.ParameterException(spec.commandLine(), "Unknown command or topic: " + name
                    + " (topics: " + String.join(", ", TOPICS.keySet()) + "; commands: avrogate --help)");
        }
    }

    static String render(Topic topic) {
        String text;
        try (InputStream in = HelpCommand.class.getResourceAsStream(topic.resource())) {
            if (in == null) throw new IllegalStateException("help topic missing from the class path: " + topic.resource());
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> kept = new ArrayList<>();
        boolean skipping = false;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("## ")) skipping = topic.leftOut().contains(line.strip());
            if (!skipping) kept.add(line);
        }
        return String.join("\n", kept);
    }

    static final class TopicNames extends ArrayList<String> {
        TopicNames() {
            super(TOPICS.keySet());
        }
    }
}
