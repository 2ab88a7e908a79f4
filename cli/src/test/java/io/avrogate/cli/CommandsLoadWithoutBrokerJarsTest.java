package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The image and ./avrogate run every command but up and demo without the broker jars (lib-broker/: testkit, Kafka's
 * server). picocli reflects over each command's methods when it builds the command line, so a method signature that
 * names a broker class would break every command there: this builds the command line on a class path without them.
 */
class CommandsLoadWithoutBrokerJarsTest {

    @Test
    void theCommandLineBuildsWithoutTheTestkit() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = entry.replace('\\', '/');
            if (name.contains("/testkit") || name.contains("avrogate-testkit")) continue;
            urls.add(Path.of(entry).toUri().toURL());
        }
        try (URLClassLoader withoutBroker = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThat(withoutBroker.getResource("io/avrogate/testkit/InProcessKafka.class")).as("the testkit is really absent").isNull();
            Class<?> main = Class.forName(Main.class.getName(), true, withoutBroker);
            Object commandLine = main.getMethod("commandLine").invoke(null);
            Object subcommands = commandLine.getClass().getMethod("getSubcommands").invoke(commandLine);
            assertThat(((java.util.Map<?, ?>) subcommands).keySet().stream().map(String::valueOf).toList())
                    .contains("check", "registry", "ingest", "consume", "bridge", "register", "up");
        }
    }
}
