package io.avrogate.cli;

import static io.avrogate.cli.SchemaRepoFixture.click;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher puts the broker jars (testkit, kafka_2.13, kafka-server, Scala, ...) on the class path only for
 * {@code up} and {@code demo}. Every other command must start without them, although picocli reflects on all
 * command classes when the command line is built.
 */
class CommandClassesTest {
    @TempDir
    Path tmp;

    @Test
    void theCommandLineBuildsAndRunsWithoutTheBrokerJars() throws Exception {
        Path v1 = Files.writeString(tmp.resolve("v1.avsc"), click(""));
        Path v2 = Files.writeString(tmp.resolve("v2.avsc"), click(",{\"name\":\"n\",\"type\":\"int\",\"default\":0}"));
        List<URL> withoutBroker = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (String entry : testClassPath()) {
            if (isBrokerOnly(entry)) dropped.add(entry);
            else withoutBroker.add(Path.of(entry).toUri().toURL());
        }
        assertThat(dropped).as("the test class path has the broker, so leaving it out means something")
                .anyMatch(e -> e.contains("kafka_2.13")).anyMatch(e -> e.contains("testkit"));

        try (URLClassLoader loader = new URLClassLoader(withoutBroker.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            Class<?> main = loader.loadClass(Main.class.getName());
            Object commandLine = main.getMethod("commandLine").invoke(null);
            Object code = commandLine.getClass().getMethod("execute", String[].class)
                    .invoke(commandLine, (Object) new String[] {"compat", "--level", "BACKWARD", v1.toString(), v2.toString()});
            assertThat(code).isEqualTo(0);
            assertThat(loader.getResource("io/avrogate/testkit/EmbeddedKafka.class")).as("really left out").isNull();
        }
    }

    @Test
    void everyCommandIsReachable() {
        // Guards the test above: the commands it builds are the ones users run.
        assertThat(Main.commandLine().getSubcommands()).containsKeys("check", "register", "compat", "up", "demo");
        assertThat(Arrays.stream(UpCommand.class.getDeclaredMethods()).flatMap(m -> java.util.stream.Stream.concat(Arrays.stream(m.getParameterTypes()), java.util.stream.Stream.of(m.getReturnType()))))
                .noneMatch(type -> type.getName().startsWith("io.avrogate.testkit"));
    }

    private static boolean isBrokerOnly(String entry) {
        String name = new File(entry).getPath().replace('\\', '/');
        return name.contains("/testkit/") || name.contains("/testkit-registry/") || name.contains("avrogate-testkit")
                || name.contains("/kafka_2.13") || name.contains("/kafka-server") || name.contains("/kafka-raft")
                || name.contains("/scala-library");
    }

    /** Surefire runs tests through a manifest-only jar; it names the real class path in this property. */
    private static List<String> testClassPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(path.split(File.pathSeparator)).filter(e -> !e.isBlank()).toList();
    }
}
