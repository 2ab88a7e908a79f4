package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * deploy/k8s/ checked against the code without a cluster: every container runs a real avrogate command with
 * options it has, gets only environment variables that command reads (with valid values), is probed on
 * /health/live and /health/ready at the port the command really listens on, has a memory limit its JVM fits in,
 * and every Service reaches a port its pods declare.
 */
class KubernetesManifestsTest {
    private static final Path K8S = Path.of("").toAbsolutePath().getParent().resolve("deploy/k8s");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final List<JsonNode> documents = new ArrayList<>();
    private static final Map<String, JsonNode> configMaps = new HashMap<>();
    private static final Map<String, JsonNode> deployments = new LinkedHashMap<>();

    @BeforeAll
    static void load() throws Exception {
        JsonNode kustomization = YAML.readTree(K8S.resolve("kustomization.yaml").toFile());
        for (JsonNode resource : kustomization.path("resources")) {
            Path file = K8S.resolve(resource.asText());
            assertThat(file).as("kustomization resource").exists();
            try (var parser = YAML.getFactory().createParser(file.toFile())) {
                YAML.readValues(parser, JsonNode.class).forEachRemaining(doc -> { if (doc != null && !doc.isEmpty()) documents.add(doc); });
            }
        }
        try (var files = Files.list(K8S)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml")))
                    .as("every manifest is in kustomization.yaml")
                    .allSatisfy(f -> assertThat(kustomization.path("resources").toString()).contains(f));
        }
        for (JsonNode doc : documents) {
            String name = doc.path("metadata").path("name").asText();
            switch (doc.path("kind").asText()) {
                case "ConfigMap" -> configMaps.put(name, doc);
                case "Deployment" -> deployments.put(name, doc);
                default -> { }
            }
        }
    }

    @Test
    void theFourServicesAreDeployed() {
        assertThat(deployments).containsOnlyKeys("registry", "ingest", "bridge", "consumer");
    }

    @Test
    void everyContainerRunsARealCommandWithVariablesItReads() {
        deployments.forEach((name, deployment) -> {
            JsonNode container = container(deployment);
            assertThat(container.path("image").asText()).as(name + " image").isEqualTo("avrogate");
            Object command = command(name, container);
            Map<String, String> env = environment(container);
            assertThat(env).as(name + " environment").isNotEmpty();
            env.keySet().forEach(variable -> assertThat(EnvironmentSettings.readBy(command, variable))
                    .as(name + ": the command reads " + variable).isTrue());
            if (command instanceof EnvironmentSettings.Configured configured) {
                EnvironmentSettings settings = configured.environmentSettings();
                try {
                    settings.definition().parse(settings.read(env));
                } catch (ConfigException e) {
                    throw new AssertionError(name + ": invalid setting: " + e.getMessage(), e);
                }
            }
        });
    }

    @Test
    void probesAskLivenessAndReadinessAtThePortTheServiceListensOn() {
        deployments.forEach((name, deployment) -> {
            JsonNode container = container(deployment);
            Integer listening = listeningPort(container);
            assertThat(listening).as(name + " listens on a port (every service serves /health/*)").isNotNull();
            Map<String, Integer> ports = new HashMap<>();
            container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
            assertThat(ports).as(name + " declares the port it listens on").containsValue(listening);
            for (String[] probe : new String[][] {{"livenessProbe", "/health/live"}, {"readinessProbe", "/health/ready"}}) {
                JsonNode get = container.path(probe[0]).path("httpGet");
                assertThat(get.path("path").asText()).as(name + " " + probe[0]).isEqualTo(probe[1]);
                JsonNode port = get.path("port");
                assertThat(port.isInt() ? port.asInt() : ports.get(port.asText())).as(name + " " + probe[0] + " port").isEqualTo(listening);
            }
        });
    }

    @Test
    void everyJvmHasAMemoryLimitItsHeapFitsIn() {
        deployments.forEach((name, deployment) -> {
            JsonNode resources = container(deployment).path("resources");
            Matcher limit = Pattern.compile("(\\d+)Mi").matcher(resources.path("limits").path("memory").asText());
            assertThat(limit.matches()).as(name + " memory limit in Mi").isTrue();
            // 75 % is heap (MaxRAMPercentage=75): 512Mi leaves 128Mi for metaspace, threads and buffers.
            assertThat(Integer.parseInt(limit.group(1))).as(name + " memory limit").isGreaterThanOrEqualTo(512);
            assertThat(resources.path("requests").path("memory").asText()).as(name + ": requests = limits, no overcommit")
                    .isEqualTo(resources.path("limits").path("memory").asText());
        });
    }

    @Test
    void everyServiceReachesAPortItsPodsDeclare() {
        long services = 0;
        for (JsonNode doc : documents) {
            if (!doc.path("kind").asText().equals("Service")) continue;
            services++;
            String app = doc.path("spec").path("selector").path("app.kubernetes.io/name").asText();
            JsonNode deployment = deployments.get(app);
            assertThat(deployment).as("the deployment Service " + doc.path("metadata").path("name").asText() + " selects").isNotNull();
            assertThat(deployment.path("spec").path("template").path("metadata").path("labels").path("app.kubernetes.io/name").asText()).isEqualTo(app);
            List<String> declared = new ArrayList<>();
            container(deployment).path("ports").forEach(p -> { declared.add(p.path("name").asText()); declared.add(p.path("containerPort").asText()); });
            doc.path("spec").path("ports").forEach(p -> assertThat(declared).contains(p.path("targetPort").asText()));
        }
        assertThat(services).isEqualTo(3);
        // The clients find the registry under the name compose gives it too.
        assertThat(documents).anySatisfy(d -> assertThat(d.path("metadata").path("name").asText()).isEqualTo("schema-registry"));
    }

    private static JsonNode container(JsonNode deployment) {
        JsonNode containers = deployment.path("spec").path("template").path("spec").path("containers");
        assertThat(containers.size()).isEqualTo(1);
        return containers.get(0);
    }

    private static Object command(String name, JsonNode container) {
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        CommandLine.ParseResult parsed;
        try {
            parsed = Main.commandLine().parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError(name + ": 'avrogate " + String.join(" ", args) + "' is not valid: " + e.getMessage(), e);
        }
        assertThat(parsed.hasSubcommand()).as(name + " names a subcommand").isTrue();
        while (parsed.hasSubcommand()) parsed = parsed.subcommand();
        for (String arg : args) {
            if (arg.startsWith("schemas/")) assertThat(K8S.getParent().getParent().resolve(arg)).as(name + " file in the image").exists();
        }
        return parsed.commandSpec().userObject();
    }

    private static Map<String, String> environment(JsonNode container) {
        Map<String, String> env = new TreeMap<>();
        container.path("envFrom").forEach(from -> {
            String ref = from.path("configMapRef").path("name").asText();
            assertThat(configMaps).as("ConfigMap " + ref).containsKey(ref);
            configMaps.get(ref).path("data").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        });
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        return env;
    }

    /** The port the command listens on: SCHEMA_REGISTRY_LISTENERS, --port N, or -D bridge.http.port=N; null if none. */
    private static Integer listeningPort(JsonNode container) {
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("--port") || args.get(i).equals("--http-port")) return Integer.parseInt(args.get(i + 1));
            Matcher define = Pattern.compile("bridge\\.http\\.port=(\\d+)").matcher(args.get(i + 1));
            if (args.get(i).equals("-D") && define.matches()) return Integer.parseInt(define.group(1));
        }
        String listeners = environment(container).get("SCHEMA_REGISTRY_LISTENERS");
        if (listeners != null) return Integer.parseInt(listeners.substring(listeners.lastIndexOf(':') + 1));
        return null;
    }
}
