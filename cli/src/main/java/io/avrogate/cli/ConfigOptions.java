package io.avrogate.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE} and {@code -D key=value}, and the one precedence every command applies to its settings:
 * an option on the command line, then the environment, then the config file, then the default. Every command that
 * takes settings merges them here, so the order cannot differ between commands.
 */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file of settings under their Kafka and Confluent names (bootstrap.servers,"
                    + " schema.registry.url, basic.auth.user.info, security.protocol, ...); keeps secrets off the"
                    + " command line.")
    Path file;

    @Option(names = "-D", paramLabel = "KEY=VALUE",
            description = "One setting, as in --config, e.g. -D security.protocol=SSL (repeatable).")
    Map<String, String> properties = new LinkedHashMap<>();

    /** The spellings of earlier versions, kept working but out of the help: --registry-config, -p, --property. */
    @Option(names = "--registry-config", paramLabel = "FILE", hidden = true)
    Path legacyFile;

    @Option(names = {"-p", "--property"}, paramLabel = "KEY=VALUE", hidden = true)
    Map<String, String> legacyProperties = new LinkedHashMap<>();

    /** The settings of -D (and its old spelling -p). */
    Map<String, String> properties() {
        Map<String, String> out = new LinkedHashMap<>(legacyProperties);
        out.putAll(properties);
        return out;
    }

    /** The --config file (or its old spelling --registry-config), or null. */
    Path file() {
        return file != null ? file : legacyFile;
    }

    /**
     * The settings in their one precedence, lowest first: {@code defaults}, the {@code --config} file,
     * {@code environment} (already mapped to setting names), {@code -D}, then {@code named} options (those given;
     * null values are skipped).
     */
    Map<String, Object> merge(CommandLine commandLine, Map<String, ?> defaults, Map<String, ?> environment,
                              Map<String, ?> named) {
        Map<String, Object> out = new LinkedHashMap<>(defaults);
        out.putAll(readFile(commandLine));
        out.putAll(environment);
        out.putAll(properties());
        named.forEach((key, value) -> {
            if (value != null) out.put(key, value);
        });
        return out;
    }

    /** Whether a setting was given on the command line (-D) or in --config: for commands whose mode it switches. */
    boolean namesExplicitly(CommandLine commandLine, String key) {
        return properties().containsKey(key) || readFile(commandLine).containsKey(key);
    }

    private Map<String, Object> readFile(CommandLine commandLine) {
        Map<String, Object> out = new LinkedHashMap<>();
        Path file = file();
        if (file == null) return out;
        Properties loaded = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            loaded.load(in);
        } catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(commandLine, "--config " + file + ": no such file");
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "cannot read --config " + file + ": " + e.getMessage());
        }
        loaded.forEach((k, v) -> out.put(k.toString(), v.toString().strip()));
        return out;
    }
}
