package io.avrogate.cli;

import io.avrogate.check.SchemaRepository;
import io.avrogate.check.TopicDeclarations;
import io.avrogate.cli.topics.ClusterTopics;
import io.avrogate.cli.topics.TopicPlan;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code avrogate topics plan|apply}: topics as code. Every topic a subject names, with the partitions, replication
 * and configs its subject.yaml's {@code topic-config:} declares, brought to a cluster by the Admin API.
 */
@Command(name = "topics", mixinStandardHelpOptions = true,
        subcommands = {TopicsCommand.Plan.class, TopicsCommand.Apply.class},
        description = {"Topics as code: the topics subject.yaml files declare (topic-config: partitions,"
                + " replication-factor, configs), compared with a cluster (plan) and brought to it (apply)."})
final class TopicsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: plan or apply");
    }

    /** What plan and apply share: where the declarations and the cluster are. */
    abstract static class Run implements Callable<Integer> {
        private static final Duration TIMEOUT = Duration.ofSeconds(30);

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--schemas", defaultValue = "schemas", description = "The schemas folder (default: ${DEFAULT-VALUE}).")
        Path schemas;

        @Option(names = "--allow-unsafe",
                description = "Let through a change that alters what the data means (cleanup.policy compact -> delete)."
                        + " A partition decrease or a replication change is refused regardless.")
        boolean allowUnsafe;

        @Mixin
        ConnectionOptions connection;

        /** The process environment; replaced in tests. */
        Map<String, String> environment = System.getenv();

        abstract boolean applies();

        @Override
        public Integer call() {
            if (!Files.isDirectory(schemas.resolve("subjects"))) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        schemas + " is not a schemas folder (it has no subjects/); use --schemas DIR");
            }
            Map<String, TopicDeclarations.Topic> declared;
            try {
                declared = TopicDeclarations.of(SchemaRepository.load(schemas));
            } catch (IllegalArgumentException e) {
                throw new Failure(e.getMessage());
            }
            Map<String, Object> config = connection.configs(spec.commandLine(), environment, false,
                    Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092"));
            KafkaProbe.require(config, "--bootstrap-servers");
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (Admin admin = Admin.create(KafkaProbe.adminSettings(config, TIMEOUT))) {
                ClusterTopics cluster = new ClusterTopics(admin, TIMEOUT);
                TopicPlan plan = TopicPlan.of(declared, cluster.describe(declared.keySet()), allowUnsafe);
                plan.changes().forEach(change -> out.println(change.describe()));
                plan.warnings().forEach(warning -> err.println("warning: " + warning));
                plan.refused().forEach(refusal -> err.println("refused: " + refusal));
                if (plan.isEmpty()) out.println("no changes: " + declared.size() + " topics as declared");
                out.flush();
                err.flush();
                if (!plan.refused().isEmpty()) {
                    throw new Failure(plan.refused().size() + " unsafe change(s) refused; nothing "
                            + (applies() ? "applied" : "would be applied"));
                }
                if (applies() && !plan.changes().isEmpty()) {
                    cluster.apply(plan);
                    out.println("applied " + plan.changes().size() + " change(s)");
                }
            } catch (IllegalStateException e) {
                throw new Failure("Kafka at " + config.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) + ": "
                        + Failure.oneLine(e.getMessage()));
            }
            return 0;
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = {"Shows what apply would do: topics to create, configs to alter, partitions to add, and the"
                    + " unsafe changes it refuses. Exit 0 when apply could run, 1 when it would refuse."})
    static final class Plan extends Run {
        @Override
        boolean applies() {
            return false;
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Brings the cluster to the declarations: creates topics, alters the declared configs, adds"
                    + " partitions. Applies nothing when a change is refused; a second run changes nothing."})
    static final class Apply extends Run {
        @Override
        boolean applies() {
            return true;
        }
    }
}
