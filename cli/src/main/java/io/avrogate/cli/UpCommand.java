package io.avrogate.cli;

import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.InProcessKafka;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code avrogate up}: a local Kafka (one broker or a cluster) and schema registry in the foreground, for trying things out.
 *
 * <p>The broker jars are on the class path only for {@code up} and {@code demo} (see the {@code avrogate} launcher),
 * but picocli reflects on every command's methods when the command line is built. So no method here, lambdas
 * included, may name a broker type in its signature ({@code CommandClassesTest} checks).
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Starts a single-node Kafka broker (KRaft), or a cluster with --brokers, and the schema registry in"
                + " this process, creates the topics the schemas name, and keeps them running until Ctrl-C. Everything"
                + " listens on loopback; the registry without authentication unless --secure.")
final class UpCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--kafka-port", defaultValue = "9092",
            description = "Broker port, the first of consecutive ones with --brokers (default: ${DEFAULT-VALUE}; 0 = any free ports).")
    int kafkaPort;

    @Option(names = "--brokers", defaultValue = "1",
            description = "Kafka brokers: 1 (default) or a cluster of N KRaft nodes, topics replicated min(3, N) times.")
    int brokers;

    @Option(names = "--registry-port", defaultValue = "8081", description = "Registry port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int registryPort;

    @Option(names = "--data-dir", description = "Keep the brokers' data here across restarts (default: a temporary directory).")
    Path dataDir;

    @Option(names = "--schemas", defaultValue = "schemas",
            description = "Create the topics the subjects of this schemas folder name, with their topic-config partitions and configs, if it exists (default: ${DEFAULT-VALUE}).")
    Path schemas;

    @Option(names = "--topic", paramLabel = "NAME", description = "Also create this topic (repeatable), e.g. a dead-letter topic.")
    java.util.List<String> extraTopics = new java.util.ArrayList<>();

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of the topics created, where no topic-config declares them (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--secure",
            description = "Serve the registry over https:// with basic auth and an ACL: generates self-signed key material,"
                    + " two users with random passwords (admin, app) and the ACL, and prints them with the client settings.")
    boolean secure;

    @Option(names = "--secure-dir", paramLabel = "DIR",
            description = "With --secure: where to write the key material, credentials, ACL and client settings"
                    + " (default: a new temporary directory). Each start makes new ones.")
    Path secureDir;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        if (brokers < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--brokers must be at least 1");
        if (secureDir != null && !secure) throw new CommandLine.ParameterException(spec.commandLine(), "--secure-dir needs --secure");
        requireFreePorts();
        SecureSetup security = null;
        if (secure) {
            out.println("generating key material, users and ACL...");
            out.flush();
            security = SecureSetup.generate(secureDir != null ? secureDir : Files.createTempDirectory("avrogate-secure-"));
        }
        Map<String, String> registrySettings = new HashMap<>(security != null ? security.registrySettings(registryPort)
                : Map.of("listeners", "http://127.0.0.1:" + registryPort));
        out.println(brokers == 1 ? "starting Kafka..." : "starting a Kafka cluster of " + brokers + " brokers...");
        out.flush();
        try (InProcessKafka kafka = (InProcessKafka) startKafka();
             RegistryServer registry = startRegistry(registrySettings, kafka.bootstrapServers())) {
            Map<String, io.avrogate.check.TopicDeclarations.Topic> declared = declaredTopics();
            java.util.Set<String> topics = new java.util.TreeSet<>(extraTopics);
            topics.addAll(declared.keySet());
            try (var admin = kafka.admin()) {
                java.util.Set<String> existing = admin.listTopics().names().get();
                // A loop, not a lambda: a lambda capturing `kafka` would compile to a method taking EmbeddedKafka.
                for (String topic : topics) {
                    if (existing.contains(topic)) continue;
                    var settings = declared.containsKey(topic) ? declared.get(topic).settings() : null;
                    if (settings == null) {
                        kafka.createTopic(topic, partitions);
                    } else {
                        // Declared partitions and configs; not the replication factor, which this cluster's size decides.
                        kafka.createTopic(topic, settings.partitions().orElse(partitions), settings.configs());
                    }
                }
            }
            out.println("Kafka bootstrap servers: " + kafka.bootstrapServers());
            if (!topics.isEmpty()) out.println("Topics:                  " + String.join(", ", topics));
            out.println("Schema registry:         " + registry.url() + (security == null ? "" : " (TLS, basic auth, ACL)"));
            if (security != null) printSecurity(out, security, registry.url());
            out.println("Press Ctrl-C to stop.");
            out.flush();
            RegistryCommand.awaitShutdown();
            out.println("stopping...");
            out.flush();
        }
        return 0;
    }

    /**
     * Fails with one line naming the port and the option when a port to listen on is taken: the broker would fail
     * deep inside its start with a long stack trace.
     */
    private void requireFreePorts() {
        for (int i = 0; kafkaPort != 0 && i < brokers; i++) {
            requireFree(kafkaPort + i, "Kafka", "--kafka-port N");
        }
        if (registryPort != 0) requireFree(registryPort, "the schema registry", "--registry-port N");
    }

    private static void requireFree(int port, String what, String option) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(port));
        } catch (java.io.IOException e) {
            throw portInUse(port, what, option);
        }
    }

    private static Failure portInUse(Object port, String what, String option) {
        return new Failure("port " + port + " for " + what + " is already in use: stop what listens there (another"
                + " 'avrogate up'?), or pass " + option + " (0 picks a free port)");
    }

    private RegistryServer startRegistry(Map<String, String> settings, String bootstrapServers) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("kafkastore.bootstrap.servers", bootstrapServers);
        try {
            return RegistryServer.start(all);
        } catch (RuntimeException e) {
            if (Failure.isPortInUse(e)) throw portInUse(registryPort, "the schema registry", "--registry-port N");
            throw e;
        }
    }

    /**
     * Declared as AutoCloseable, not InProcessKafka: picocli reflects on this class's method signatures on every
     * start, when the broker jars are not on the class path (see the class comment).
     */
    private AutoCloseable startKafka() {
        try {
            return LocalKafka.start(brokers, kafkaPort, dataDir);
        } catch (RuntimeException e) {
            if (Failure.isPortInUse(e)) throw portInUse(kafkaPort, "Kafka", "--kafka-port N");
            throw e;
        }
    }

    /** The users, where their files are, and what a client sets: printed once, for the person who started it. */
    private static void printSecurity(PrintWriter out, SecureSetup security, String url) throws IOException {
        out.println("Secured: key material, credentials file and ACL in " + security.dir);
        for (SecureSetup.User user : security.users()) {
            out.printf("  user %-6s password %s  (role %s: %s)%n", user.name(), user.password(), user.role(), user.may());
            security.writeClientSettings(url, user);
        }
        out.println("Client settings for 'app' (also in " + security.dir.resolve("app.properties") + "; the admin's in admin.properties):");
        security.clientSettings(url, security.app).forEach((key, value) -> out.println("  " + key + "=" + value));
        out.println("Try: curl --cacert " + security.certificate + " -u app:" + security.app.password() + " " + url + "/subjects");
        out.println("     ./avrogate register --registry " + url + " --registry-config " + security.dir.resolve("admin.properties"));
    }


    /** The topics the schemas' subjects name, with their topic-config: Kafka here creates none on first use. */
    private Map<String, io.avrogate.check.TopicDeclarations.Topic> declaredTopics() {
        if (!java.nio.file.Files.isDirectory(schemas.resolve("subjects"))) return Map.of();
        return io.avrogate.check.TopicDeclarations.of(io.avrogate.check.SchemaRepository.load(schemas));
    }
}
