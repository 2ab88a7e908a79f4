package io.avrogate.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check fails when it should: a small reactor of synthetic poms, written to a temp folder, with dependencies that
 * break each rule, against the real layer table.
 */
class LayeringCheckTest {
    @TempDir
    Path root;

    /** module → its dependencies as "module" (compile) or "module:scope". */
    private final Map<String, String[]> modules = new LinkedHashMap<>();

    @Test
    void aReactorThatKeepsTheRulesPasses() throws IOException {
        module("schema-core");
        module("registry-client");
        module("server-common");
        module("testkit");
        module("serde", "registry-client", "schema-core", "testkit:test");
        module("registry", "schema-core", "server-common", "testkit:test");
        module("testkit-registry", "testkit", "registry");
        module("migration-bridge", "serde", "server-common", "testkit-registry:test");
        module("cli", "registry", "migration-bridge", "testkit-registry");

        assertThat(LayeringCheck.violations(read(), Layer.OF_MODULE)).isEmpty();
    }

    @Test
    void eachBrokenRuleIsReportedWithTheChainThatBreaksIt() throws IOException {
        module("schema-core");
        module("server-common");
        module("testkit");
        module("serde", "schema-core", "registry", "server-common:runtime", "testkit:provided");
        module("producer", "serde", "cli");
        module("registry", "schema-core", "migration-bridge");
        module("migration-bridge", "serde");
        module("cli", "producer");
        module("dashboard", "serde");

        assertThat(LayeringCheck.violations(read(), Layer.OF_MODULE)).containsExactlyInAnyOrder(
                "serde depends on registry (serde → registry): a library must not depend on a service",
                "serde depends on migration-bridge (serde → registry → migration-bridge): a library must not depend on a service",
                "serde depends on server-common (serde → server-common): libraries never depend on server-common (only services may)",
                "serde depends on testkit (serde → testkit): test support belongs in test scope only",
                // producer reaches registry through serde; provided (testkit) is not passed on, runtime is.
                "producer depends on registry (producer → serde → registry): a library must not depend on a service",
                "producer depends on migration-bridge (producer → serde → registry → migration-bridge): a library must not depend on a service",
                "producer depends on server-common (producer → serde → server-common): libraries never depend on server-common (only services may)",
                "producer depends on cli (producer → cli): nothing may depend on cli, an end of the dependency graph",
                "registry depends on migration-bridge (registry → migration-bridge): a service must not depend on another service",
                // A service may use server-common, also through a library: registry → ... → server-common is no finding.
                "migration-bridge depends on registry (migration-bridge → serde → registry): a service must not depend on another service",
                "module dashboard has no layer: place it in Layer.OF_MODULE (and in DESIGN.md's module table)");
    }

    private void module(String name, String... dependencies) {
        modules.put(name, dependencies);
    }

    private Reactor read() throws IOException {
        String list = modules.keySet().stream().map(m -> "<module>" + m + "</module>").collect(Collectors.joining());
        write(root.resolve("pom.xml"), "<groupId>io.avrogate</groupId><artifactId>avrogate-parent</artifactId>"
                + "<packaging>pom</packaging><modules>" + list + "</modules>");
        for (var module : modules.entrySet()) {
            StringBuilder deps = new StringBuilder();
            for (String dependency : module.getValue()) {
                String[] nameAndScope = dependency.split(":");
                deps.append("<dependency><groupId>io.avrogate</groupId><artifactId>avrogate-").append(nameAndScope[0])
                        .append("</artifactId>")
                        .append(nameAndScope.length > 1 ? "<scope>" + nameAndScope[1] + "</scope>" : "")
                        .append("</dependency>");
            }
            write(root.resolve(module.getKey()).resolve("pom.xml"), "<parent><groupId>io.avrogate</groupId>"
                    + "<artifactId>avrogate-parent</artifactId><version>1</version></parent>"
                    + "<artifactId>avrogate-" + module.getKey() + "</artifactId><dependencies>" + deps + "</dependencies>");
        }
        return Reactor.read(root);
    }

    private static void write(Path pom, String body) throws IOException {
        Files.createDirectories(pom.getParent());
        Files.writeString(pom, "<project><modelVersion>4.0.0</modelVersion><version>1</version>" + body + "</project>");
    }
}
