package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * One grammar for every command: the same option names for the same things, one precedence (option, environment,
 * config file, default), -V everywhere, and usage errors as one line with a hint and exit 2.
 */
class CliGrammarTest {
    /** Commands that talk to a registry, to Kafka, or take settings at all (qualified names without "avrogate "). */
    private static final Set<String> REGISTRY = Set.of("check", "register", "consume", "produce", "ingest", "bridge", "bridge status");
    private static final Set<String> KAFKA = Set.of("consume", "produce", "ingest", "bridge", "bridge status", "registry",
            "dlq inspect", "dlq replay",
            "topics plan", "topics apply");
    private static final Set<String> SETTINGS = union(REGISTRY, KAFKA);

    @TempDir
    Path tmp;

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new java.util.HashSet<>(a);
        out.addAll(b);
        return out;
    }

    /** Every command and subcommand, by qualified name without the leading "avrogate ". */
    private static Map<String, CommandLine> allCommands() {
        Map<String, CommandLine> out = new java.util.TreeMap<>();
        collect(Main.commandLine(), out);
        return out;
    }

    private static void collect(CommandLine cmd, Map<String, CommandLine> out) {
        String name = cmd.getCommandSpec().qualifiedName();
        if (!name.equals("avrogate")) out.put(name.substring("avrogate ".length()), cmd);
        cmd.getSubcommands().values().forEach(sub -> collect(sub, out));
    }

    @Test
    void everyCommandUsesTheSameOptionNames() {
        Map<String, CommandLine> commands = allCommands();
        assertThat(commands.keySet()).containsAll(SETTINGS);
        for (var entry : commands.entrySet()) {
            var spec = entry.getValue().getCommandSpec();
            if (REGISTRY.contains(entry.getKey())) {
                assertThat(spec.findOption("--registry")).as(entry.getKey() + " --registry").isNotNull();
                assertThat(spec.findOption("--registry-user")).as(entry.getKey() + " --registry-user").isNotNull();
            }
            if (KAFKA.contains(entry.getKey())) {
                assertThat(spec.findOption("--bootstrap-servers")).as(entry.getKey() + " --bootstrap-servers").isNotNull();
            }
            if (SETTINGS.contains(entry.getKey())) {
                assertThat(spec.findOption("--config")).as(entry.getKey() + " --config").isNotNull();
                assertThat(spec.findOption("-D")).as(entry.getKey() + " -D").isNotNull();
            }
            // Old spellings are accepted but not shown.
            for (String old : List.of("--registry-url", "--registry-config", "-p", "--property")) {
                var option = spec.findOption(old);
                if (option != null) assertThat(option.hidden()).as(entry.getKey() + " " + old).isTrue();
            }
        }
    }

    @Test
    void versionWorksOnEveryCommand() {
        for (String command : allCommands().keySet()) {
            if (command.equals("help")) continue; // picocli's help takes a command name, not options
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.add("-V");
            var result = SchemaRepoFixture.run(args.toArray(String[]::new));
            assertThat(result.exitCode()).as(command).isZero();
            assertThat(result.out().strip()).as(command).startsWith("avrogate ");
        }
    }

    @Test
    void noCommandIsAUsageError() {
        var result = SchemaRepoFixture.run();
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("avrogate: missing command").contains("Usage: avrogate");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void usageErrorsAreOneLineWithAHintAndExit2() {
        var unknown = SchemaRepoFixture.run("consume", "--topic", "t", "--regsitry", "http://r:8081");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("avrogate: Unknown option").contains("Did you mean: --registry")
                .contains("See 'avrogate consume --help'.").doesNotContain("Usage:");

        var missing = SchemaRepoFixture.run("consume");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().lines()).hasSize(2);
        assertThat(missing.err()).contains("--topic").contains("See 'avrogate consume --help'.");

        var unknownCommand = SchemaRepoFixture.run("consum");
        assertThat(unknownCommand.exitCode()).isEqualTo(2);
        assertThat(unknownCommand.err()).contains("Did you mean: consume");

        var noKafka = SchemaRepoFixture.run("produce", "--topic", "t", "--file", "-");
        assertThat(noKafka.exitCode()).as(noKafka.all()).isEqualTo(2);
    }

    @Test
    void oneTakesPrecedenceOverTheOtherEverywhere() throws Exception {
        Path file = Files.writeString(tmp.resolve("settings.properties"),
                "bootstrap.servers=file:9092\nschema.registry.url=http://file:8081\nlinger.ms=7\nclient.id=file\n");
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "env:9092", "SCHEMA_REGISTRY_URL", "http://env:8081");

        // default < file < environment < -D < named option, the same for a consuming and a producing command.
        ConsumeCommand consume = new ConsumeCommand();
        new CommandLine(consume).parseArgs("--topic", "t", "--config", file.toString(), "-D", "client.id=cli",
                "--registry", "http://cli:8081");
        Map<String, Object> consumeSettings = consume.connection.configs(new CommandLine(consume), env, false, ConsumeCommand.DEFAULTS);
        assertThat(consumeSettings).containsEntry("bootstrap.servers", "env:9092")
                .containsEntry("schema.registry.url", "http://cli:8081").containsEntry("client.id", "cli")
                .containsEntry("linger.ms", "7");
        ConsumeCommand bare = new ConsumeCommand();
        new CommandLine(bare).parseArgs("--topic", "t");
        assertThat(bare.connection.configs(new CommandLine(bare), Map.of(), false, ConsumeCommand.DEFAULTS))
                .containsEntry("bootstrap.servers", "localhost:9092").containsEntry("schema.registry.url", "http://localhost:8081");

        ProduceCommand produce = new ProduceCommand();
        new CommandLine(produce).parseArgs("--topic", "t", "--file", "-", "--config", file.toString(),
                "-D", "bootstrap.servers=d:9092");
        assertThat(produce.connection.configs(new CommandLine(produce), env, true, Map.of()))
                .containsEntry("bootstrap.servers", "d:9092").containsEntry("schema.registry.url", "http://env:8081");
        new CommandLine(produce).parseArgs("--topic", "t", "--file", "-", "--config", file.toString(),
                "-D", "bootstrap.servers=d:9092", "--bootstrap-servers", "cli:9092");
        assertThat(produce.connection.configs(new CommandLine(produce), env, true, Map.of()))
                .containsEntry("bootstrap.servers", "cli:9092");

        // The registry service: the same order over its own variables.
        Path registryFile = Files.writeString(tmp.resolve("registry.properties"),
                "kafkastore.bootstrap.servers=file:9092\nkafkastore.topic=_file\nschema.compatibility.level=FULL\n");
        RegistryCommand registry = new RegistryCommand();
        new CommandLine(registry).parseArgs("--config", registryFile.toString(), "-D", "kafkastore.topic=_cli");
        registry.environment = Map.of("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "env:9092",
                "SCHEMA_REGISTRY_KAFKASTORE_TOPIC", "_env");
        var config = registry.settings();
        assertThat(config.getString("kafkastore.bootstrap.servers")).isEqualTo("env:9092");
        assertThat(config.getString("kafkastore.topic")).isEqualTo("_cli");
        assertThat(config.getString("schema.compatibility.level")).isEqualTo("FULL");

        // Commands that only talk to the registry: the URL from the environment, credentials by the same order.
        RegisterCommand register = new RegisterCommand();
        new CommandLine(register).parseArgs("--config", file.toString(), "--registry-user", "cli:pw");
        Map<String, Object> registerSettings = register.registry.settings(new CommandLine(register),
                Map.of("SCHEMA_REGISTRY_URL", "http://env:8081", "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "env:pw"));
        assertThat(registerSettings).containsEntry("schema.registry.url", "http://env:8081")
                .containsEntry("basic.auth.user.info", "cli:pw");
    }

    @Test
    void oldSpellingsStillWork() throws Exception {
        Path file = Files.writeString(tmp.resolve("client.properties"), "max.retries=0\n");
        ConsumeCommand consume = new ConsumeCommand();
        new CommandLine(consume).parseArgs("--topic", "t", "-p", "client.id=old", "--registry-config", file.toString());
        assertThat(consume.connection.configs(new CommandLine(consume), Map.of(), false, ConsumeCommand.DEFAULTS))
                .containsEntry("client.id", "old").containsEntry("max.retries", "0");
        BridgeCommand bridge = new BridgeCommand();
        new CommandLine(bridge).parseArgs("--mapping", "m.yaml", "--registry-url", "http://old:8081");
        assertThat(bridge.settings.connection.registry.url).isEqualTo("http://old:8081");
    }
}
