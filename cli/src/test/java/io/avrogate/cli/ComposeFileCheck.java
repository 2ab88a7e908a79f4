package io.avrogate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;

/**
 * Checks docker-compose.yml against the code it runs, without Docker: every build context and Dockerfile exists, every
 * avrogate command (and its options) is one the CLI has, every environment variable of an avrogate service is one the
 * command reads (with a valid value), every host:port a service is told to use is a port that service listens on,
 * Kafka's listeners agree with each other and with the published ports, and every depends_on target exists and can
 * become healthy. Returns the problems found, each a line a reader can act on.
 */
final class ComposeFileCheck {
    private static final Pattern HOST_PORT = Pattern.compile("(?:^|[/@,\\s])([a-z][a-z0-9-]*):(\\d{2,5})\\b");
    private static final Pattern KAFKA_VERSION = Pattern.compile("<kafka\\.version>([^<]+)</kafka\\.version>");
    private static final Set<String> CONDITIONS = Set.of("service_started", "service_healthy", "service_completed_successfully");

    private final Path repo;
    private final JsonNode services;
    private final JsonNode volumes;
    private final String kafkaVersion;
    private final List<String> problems = new ArrayList<>();
    /** Host name (service name, hostname or network alias) to the services answering to it. */
    private final Map<String, List<String>> hosts = new HashMap<>();
    /** Service to the ports it listens on inside the network. */
    private final Map<String, Set<Integer>> listening = new LinkedHashMap<>();

    private ComposeFileCheck(Path repo, String composeYaml) throws IOException {
        this.repo = repo;
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(interpolate(composeYaml, dotEnv(repo)));
        this.services = root == null ? null : root.path("services");
        this.volumes = root == null ? null : root.path("volumes");
        Matcher version = KAFKA_VERSION.matcher(Files.readString(repo.resolve("pom.xml")));
        this.kafkaVersion = version.find() ? version.group(1) : null;
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

    /**
     * The file as Compose reads it with no variable set but those of .env: {@code ${NAME:-default}} becomes the .env
     * value or the default, {@code $$} a {@code $}. What an operator may override (AVROGATE_BIND, ...) is checked
     * with its default.
     */
    static String interpolate(String text, Map<String, String> env) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group().equals("$$") ? "$" : env.getOrDefault(m.group(1), m.group(2) == null ? "" : m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    static Map<String, String> dotEnv(Path repo) throws IOException {
        Path file = repo.resolve(".env");
        return Files.isRegularFile(file) ? envFile(file) : Map.of();
    }

    private static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            line = line.trim();
            if (line.isEmpty() || line.startsWith("#") || !line.contains("=")) continue;
            out.put(line.substring(0, line.indexOf('=')).trim(), line.substring(line.indexOf('=') + 1).trim());
        }
        return out;
    }

    static List<String> check(Path repo, String composeYaml) throws IOException {
        ComposeFileCheck check = new ComposeFileCheck(repo, composeYaml);
        check.run();
        return check.problems;
    }

    private void run() {
        if (services == null || !services.isObject() || services.isEmpty()) {
            problems.add("no services");
            return;
        }
        services.fields().forEachRemaining(e -> indexHosts(e.getKey(), e.getValue()));
        services.fields().forEachRemaining(e -> listening.put(e.getKey(), listeningPorts(e.getKey(), e.getValue())));
        services.fields().forEachRemaining(e -> {
            String name = e.getKey();
            JsonNode service = e.getValue();
            checkBuild(name, service);
            if (isAvrogate(service)) checkAvrogateService(name, service);
            if (image(service).startsWith("apache/kafka:") && environment(service).containsKey("KAFKA_PROCESS_ROLES")) {
                checkKafka(name, service);
            }
            if (environment(service).containsKey("TOPICS")) checkTopics(name, environment(service).get("TOPICS"));
            checkRepositoryFiles(name, service);
            checkEnvFiles(name, service);
            checkPublishedPorts(name, service);
            checkMemoryLimit(name, service);
            checkHealthcheck(name, service);
            checkImage(name, service);
            checkReferences(name, service);
            checkDependencies(name, service);
            // Anything that serves on a port says when it is ready (a consumer with no port is restarted when it exits).
            if (!listening.get(name).isEmpty() && !service.has("healthcheck")) {
                problems.add(name + ": listens on " + listening.get(name) + " but has no healthcheck");
            }
        });
    }

    // ---- build ------------------------------------------------------------------------------------------------

    private static boolean isAvrogate(JsonNode service) {
        return service.has("build") || image(service).startsWith("avrogate:");
    }

    private static String image(JsonNode service) {
        return service.path("image").asText("");
    }

    private void checkBuild(String name, JsonNode service) {
        JsonNode build = service.path("build");
        if (build.isMissingNode()) {
            if (image(service).isEmpty()) problems.add(name + ": neither an image nor a build");
            return;
        }
        String context = build.isTextual() ? build.asText() : build.path("context").asText(".");
        String dockerfile = build.path("dockerfile").asText("Dockerfile");
        Path contextDir = repo.resolve(context).normalize();
        if (!Files.isDirectory(contextDir)) {
            problems.add(name + ": build context '" + context + "' is not a folder of the repository");
        } else if (!Files.isRegularFile(contextDir.resolve(dockerfile))) {
            problems.add(name + ": no Dockerfile '" + dockerfile + "' in build context '" + context + "'");
        }
    }

    // ---- avrogate commands and their environment ---------------------------------------------------------------

    private void checkAvrogateService(String name, JsonNode service) {
        List<String> args = command(service);
        if (args.isEmpty()) {
            problems.add(name + ": no command (the image would only print --help)");
            return;
        }
        CommandLine.ParseResult parsed;
        try {
            parsed = Main.commandLine().parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            problems.add(name + ": 'avrogate " + String.join(" ", args) + "' is not a valid command: " + e.getMessage());
            return;
        }
        CommandLine.ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) leaf = leaf.subcommand();
        // The service that builds the image only proves it starts: avrogate --version.
        if (leaf == parsed && service.has("build") && args.equals(List.of("--version"))) return;
        if (leaf == parsed) problems.add(name + ": the command names no avrogate subcommand: " + args);
        Object command = leaf.commandSpec().userObject();
        EnvironmentSettings settings = command instanceof EnvironmentSettings.Configured c ? c.environmentSettings() : null;
        Map<String, String> environment = environment(service);
        for (String variable : environment.keySet()) {
            if (!EnvironmentSettings.readBy(command, variable)) {
                problems.add(name + ": 'avrogate " + leaf.commandSpec().name() + "' does not read the variable " + variable
                        + (settings == null ? "" : " (it reads " + settings.prefix() + "* variables: " + settings.variables() + ")"));
            }
        }
        if (settings != null) {
            try {
                settings.definition().parse(settings.read(environment));
            } catch (ConfigException e) {
                problems.add(name + ": invalid setting in the environment: " + e.getMessage());
            }
        }
    }

    private static List<String> command(JsonNode service) {
        JsonNode command = service.path("command");
        List<String> args = new ArrayList<>();
        if (command.isArray()) command.forEach(a -> args.add(a.asText()));
        else if (command.isTextual()) args.addAll(List.of(command.asText().trim().split("\\s+")));
        return args;
    }

    private Map<String, String> environment(JsonNode service) {
        Map<String, String> out = new TreeMap<>();
        for (String file : envFiles(service)) {
            Path path = repo.resolve(file).normalize();
            try {
                if (Files.isRegularFile(path)) out.putAll(envFile(path));
                else if (file.startsWith(GENERATED + "/")) out.putAll(generatedEnv(path.getFileName().toString()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        JsonNode env = service.path("environment");
        if (env.isObject()) env.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        else if (env.isArray()) env.forEach(line -> {
            String[] kv = line.asText().split("=", 2);
            out.put(kv[0], kv.length > 1 ? kv[1] : "");
        });
        return out;
    }


    // ---- env files, published ports, memory, health checks, the image ------------------------------------------

    /** What deploy/secure/generate.sh writes (key material, passwords): never in the repository. */
    private static final String GENERATED = "./deploy/secure/generated";

    private static final Pattern GENERATED_LINE = Pattern.compile("echo \"([A-Z0-9_]+)=([^\"]*)\" > \"\\$out/([\\w.-]+)\"");

    /**
     * The variables deploy/secure/generate.sh writes into a generated env file, with its shell variables (passwords)
     * standing in as the word {@code secret}: checked like the compose file's own.
     */
    private Map<String, String> generatedEnv(String fileName) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Path generator = repo.resolve("deploy/secure/generate.sh");
        if (!Files.isRegularFile(generator)) return out;
        Matcher m = GENERATED_LINE.matcher(Files.readString(generator));
        while (m.find()) {
            if (m.group(3).equals(fileName)) out.put(m.group(1), m.group(2).replaceAll("\\$\\w+", "secret"));
        }
        return out;
    }

    private static List<String> envFiles(JsonNode service) {
        List<String> files = new ArrayList<>();
        JsonNode envFile = service.path("env_file");
        if (envFile.isTextual()) files.add(envFile.asText());
        envFile.forEach(f -> files.add(f.isTextual() ? f.asText() : f.path("path").asText()));
        return files;
    }

    /**
     * An env file exists, or is one deploy/secure/generate.sh writes (the generated files hold passwords and are not
     * in the repository).
     */
    private void checkEnvFiles(String name, JsonNode service) {
        for (String file : envFiles(service)) {
            Path path = repo.resolve(file).normalize();
            if (Files.isRegularFile(path)) continue;
            Path generator = repo.resolve("deploy/secure/generate.sh");
            boolean generated = false;
            try {
                generated = file.startsWith(GENERATED + "/") && Files.isRegularFile(generator)
                        && Files.readString(generator).contains("/" + path.getFileName() + "\"");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (!generated) problems.add(name + ": env_file " + file + " does not exist and deploy/secure/generate.sh does not write it");
        }
    }

    /** Every published port names the host address it binds, and that is loopback unless AVROGATE_BIND says otherwise. */
    private void checkPublishedAddresses(String name, JsonNode service) {
        for (JsonNode port : service.path("ports")) {
            String[] parts = port.asText().split(":");
            if (parts.length < 3) {
                problems.add(name + ": publishes " + port.asText() + " on every interface of the host; bind it to"
                        + " ${AVROGATE_BIND:-127.0.0.1}");
            } else if (!parts[0].equals("127.0.0.1")) {
                problems.add(name + ": publishes " + port.asText() + " on " + parts[0] + " by default, not on 127.0.0.1");
            }
        }
    }

    private static final Pattern MEMORY = Pattern.compile("(\\d+)([MG])");
    private static final Pattern XMX = Pattern.compile("-Xmx(\\d+)([mg])");

    /**
     * Every container has a memory limit. The avrogate JVMs take 75 % of it as heap, so a long-running one gets at
     * least 512M (128M left for metaspace, threads and buffers), a one-shot one 256M; Kafka's fixed heap stays
     * within two thirds of its limit (the rest is page cache and network buffers).
     */
    private void checkMemoryLimit(String name, JsonNode service) {
        String limit = service.path("deploy").path("resources").path("limits").path("memory").asText("");
        Matcher m = MEMORY.matcher(limit);
        if (!m.matches()) {
            problems.add(name + ": no memory limit (deploy.resources.limits.memory, e.g. 768M)");
            return;
        }
        long mb = Long.parseLong(m.group(1)) * (m.group(2).equals("G") ? 1024 : 1);
        boolean longRunning = service.path("restart").asText("no").equals("unless-stopped");
        if (isAvrogate(service) && mb < (longRunning ? 512 : 256)) {
            problems.add(name + ": memory limit " + limit + " leaves the JVM (75 % heap) too little; at least "
                    + (longRunning ? "512M" : "256M"));
        }
        Matcher xmx = XMX.matcher(environment(service).getOrDefault("KAFKA_HEAP_OPTS", ""));
        if (xmx.find()) {
            long heap = Long.parseLong(xmx.group(1)) * (xmx.group(2).equals("g") ? 1024 : 1);
            if (heap * 3 > mb * 2) problems.add(name + ": heap -Xmx" + heap + "m takes more than two thirds of the " + limit + " limit");
        } else if (image(service).startsWith("apache/kafka:") && environment(service).containsKey("KAFKA_PROCESS_ROLES")) {
            problems.add(name + ": no KAFKA_HEAP_OPTS -Xmx: the broker's default heap ignores the container's limit");
        }
    }

    /** Health checks are cheap (no JVM every few seconds), and an avrogate service's asks /health/ready. */
    private void checkHealthcheck(String name, JsonNode service) {
        List<String> test = new ArrayList<>();
        service.path("healthcheck").path("test").forEach(t -> test.add(t.asText()));
        if (test.isEmpty()) return;
        String program = test.size() > 1 ? test.get(1).split("\\s+")[0] : "";
        String text = String.join(" ", test);
        if (!Set.of("curl", "wget", "bash", "sh").contains(program) || text.contains("/opt/kafka/bin/") || text.contains("java ")) {
            problems.add(name + ": the healthcheck starts a JVM or an unknown program: " + text);
        }
        if (isAvrogate(service) && !text.contains("/health/ready")) {
            problems.add(name + ": the healthcheck does not ask /health/ready: " + text);
        }
    }

    /** One image, built once: only one service builds it, the others run it and never pull it. */
    private void checkImage(String name, JsonNode service) {
        if (!isAvrogate(service)) return;
        long builders = 0;
        for (JsonNode other : services) if (other.has("build")) builders++;
        if (builders != 1) {
            if (service.has("build")) problems.add(name + ": builds the image, as do " + (builders - 1) + " other services; build it once");
            return;
        }
        if (!service.has("build") && !service.path("pull_policy").asText("").equals("never")) {
            problems.add(name + ": runs the locally built " + image(service) + " without pull_policy: never");
        }
    }

    // ---- ports and host names ----------------------------------------------------------------------------------

    private void indexHosts(String name, JsonNode service) {
        Set<String> names = new LinkedHashSet<>();
        names.add(name);
        if (service.has("hostname")) names.add(service.get("hostname").asText());
        service.path("networks").fields().forEachRemaining(n -> n.getValue().path("aliases").forEach(a -> names.add(a.asText())));
        names.forEach(host -> hosts.computeIfAbsent(host, h -> new ArrayList<>()).add(name));
    }

    /**
     * The ports a service listens on: from its *LISTENERS variables, from port options of its command
     * ({@code --port N}, {@code --http-port N}, {@code -D some.port=N}), or the default of a listeners setting.
     */
    private Set<Integer> listeningPorts(String name, JsonNode service) {
        Set<Integer> ports = new LinkedHashSet<>();
        List<String> args = command(service);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String next = i + 1 < args.size() ? args.get(i + 1) : "";
            Matcher define = Pattern.compile("(?:-D)?\\s*[\\w.-]*port=(\\d+)").matcher(arg.equals("-D") ? next : arg);
            if (define.matches()) ports.add(Integer.parseInt(define.group(1)));
            else if (arg.matches("--([\\w-]+-)?port") && next.matches("\\d+")) ports.add(Integer.parseInt(next));
        }
        environment(service).forEach((variable, value) -> {
            if (variable.endsWith("LISTENERS") && !variable.contains("ADVERTISED")) listeners(value).values().forEach(ports::add);
        });
        if (ports.isEmpty() && isAvrogate(service)) {
            // A command's own default listener, when the environment does not set one.
            try {
                CommandLine.ParseResult leaf = Main.commandLine().parseArgs(command(service).toArray(String[]::new));
                while (leaf.hasSubcommand()) leaf = leaf.subcommand();
                if (leaf.commandSpec().userObject() instanceof EnvironmentSettings.Configured c
                        && c.environmentSettings().definition().names().contains("listeners")) {
                    Object def = c.environmentSettings().definition().configKeys().get("listeners").defaultValue;
                    if (def != null) listeners(def.toString()).values().forEach(ports::add);
                }
            } catch (CommandLine.ParameterException ignored) {
                // reported by checkAvrogateService
            }
        }
        return ports;
    }

    /** {@code NAME://host:port,...} to listener name (or scheme) and port. */
    private static Map<String, Integer> listeners(String value) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String listener : value.split(",")) {
            listener = listener.trim();
            int scheme = listener.indexOf("://");
            if (scheme < 0) continue;
            int colon = listener.lastIndexOf(':');
            try {
                out.put(listener.substring(0, scheme), Integer.parseInt(listener.substring(colon + 1)));
            } catch (NumberFormatException e) {
                // not a port: reported where it matters (a reference to it fails)
            }
        }
        return out;
    }

    private void checkPublishedPorts(String name, JsonNode service) {
        checkPublishedAddresses(name, service);
        for (JsonNode port : service.path("ports")) {
            int container = containerPort(port.asText());
            if (!listening.get(name).contains(container)) {
                problems.add(name + ": publishes container port " + container + " but listens on " + listening.get(name));
            }
        }
    }

    private static int containerPort(String mapping) {
        String[] parts = mapping.split(":");
        return Integer.parseInt(parts[parts.length - 1].split("/")[0]);
    }

    private static Integer hostPort(String mapping) {
        String[] parts = mapping.split(":");
        return parts.length < 2 ? null : Integer.parseInt(parts[parts.length - 2]);
    }

    /** Every host:port in a service's command, environment or healthcheck is a port that host's service listens on. */
    private void checkReferences(String name, JsonNode service) {
        List<String> texts = new ArrayList<>(command(service));
        environment(service).forEach((variable, value) -> {
            // Advertised listeners are checked against the listeners in checkKafka.
            if (!variable.contains("ADVERTISED")) texts.add(value);
        });
        List<String> healthcheck = new ArrayList<>();
        service.path("healthcheck").path("test").forEach(t -> healthcheck.add(t.asText()));
        for (String text : texts) checkReferencesIn(name, text, false);
        for (String text : healthcheck) checkReferencesIn(name, text, true);
    }

    private void checkReferencesIn(String name, String text, boolean insideOwnContainer) {
        // user:password@ of a URL is no host:port; bash's /dev/tcp/host/port is one.
        text = text.replaceAll("://[^/@\\s]*@", "://").replaceAll("/dev/tcp/([a-z][a-z0-9-]*)/(\\d+)", "/$1:$2");
        Matcher m = HOST_PORT.matcher(text);
        while (m.find()) {
            String host = m.group(1);
            int port = Integer.parseInt(m.group(2));
            if (host.equals("localhost")) {
                if (insideOwnContainer && !listening.get(name).contains(port)) {
                    problems.add(name + ": healthcheck uses localhost:" + port + " but the service listens on " + listening.get(name));
                }
                continue;
            }
            if (host.equals("http") || host.equals("https")) continue;
            List<String> targets = hosts.get(host);
            if (targets == null) {
                problems.add(name + ": refers to " + host + ":" + port + " but no service is called " + host);
                continue;
            }
            for (String target : targets) {
                if (!listening.get(target).contains(port)) {
                    problems.add(name + ": refers to " + host + ":" + port + " but " + target + " listens on " + listening.get(target));
                }
            }
        }
    }

    // ---- topics and files from the repository -------------------------------------------------------------------

    /** The topic-creating service creates exactly the topics the subjects and the services' commands name. */
    private void checkTopics(String name, String topics) {
        Set<String> created = new java.util.TreeSet<>(List.of(topics.trim().split("\\s+")));
        Set<String> named = new java.util.TreeSet<>();
        io.avrogate.check.SchemaRepository.load(repo.resolve("schemas")).subjects().values()
                .forEach(s -> { if (s.config().topic() != null) named.add(s.config().topic()); });
        services.forEach(service -> {
            List<String> args = command(service);
            for (int i = 0; i + 1 < args.size(); i++) {
                if (args.get(i).equals("--topic") || args.get(i).equals("--dead-letter-topic")) named.add(args.get(i + 1));
            }
        });
        if (!created.equals(named)) problems.add(name + ": creates topics " + created + " but the subjects name " + named);
    }

    /**
     * Bind-mounted folders exist, named volumes are declared, and files of the image named in a command (the image
     * holds schemas/ at its working directory) exist here.
     */
    private void checkRepositoryFiles(String name, JsonNode service) {
        for (JsonNode volume : service.path("volumes")) {
            String source = volume.asText().split(":")[0];
            if (source.startsWith("./") || source.startsWith("../")) {
                boolean generated = source.equals(GENERATED) && Files.isRegularFile(repo.resolve("deploy/secure/generate.sh"));
                if (!generated && !Files.exists(repo.resolve(source).normalize())) {
                    problems.add(name + ": mounts " + source + ", which does not exist");
                }
            } else if (!volumes.has(source)) {
                problems.add(name + ": mounts volume " + source + ", which the file does not declare");
            }
        }
        if (!isAvrogate(service)) return;
        for (String arg : command(service)) {
            if (arg.startsWith("schemas/") && !Files.exists(repo.resolve(arg))) {
                problems.add(name + ": no file " + arg + " in the repository");
            }
        }
    }

    // ---- Kafka -------------------------------------------------------------------------------------------------

    private void checkKafka(String name, JsonNode service) {
        if (kafkaVersion != null && !image(service).equals("apache/kafka:" + kafkaVersion)) {
            problems.add(name + ": image " + image(service) + " differs from the Kafka version the build uses (" + kafkaVersion + ")");
        }
        Map<String, String> env = environment(service);
        Map<String, Integer> listeners = listeners(env.getOrDefault("KAFKA_LISTENERS", ""));
        Map<String, Integer> advertised = listeners(env.getOrDefault("KAFKA_ADVERTISED_LISTENERS", ""));
        Set<String> protocolMapped = new LinkedHashSet<>();
        for (String entry : env.getOrDefault("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "").split(",")) {
            protocolMapped.add(entry.split(":")[0].trim());
        }
        for (String listener : listeners.keySet()) {
            if (!protocolMapped.contains(listener)) problems.add(name + ": listener " + listener + " has no security protocol");
        }
        for (String variable : List.of("KAFKA_INTER_BROKER_LISTENER_NAME", "KAFKA_CONTROLLER_LISTENER_NAMES")) {
            String listener = env.get(variable);
            if (listener == null || !listeners.containsKey(listener)) problems.add(name + ": " + variable + " names no listener");
        }
        List<String> ports = new ArrayList<>();
        service.path("ports").forEach(p -> ports.add(p.asText()));
        for (String line : env.getOrDefault("KAFKA_ADVERTISED_LISTENERS", "").split(",")) {
            String listener = line.substring(0, Math.max(0, line.indexOf("://")));
            URI uri = URI.create("kafka://" + line.substring(line.indexOf("://") + 3));
            Integer port = listeners.get(listener);
            if (port == null) {
                problems.add(name + ": advertised listener " + listener + " is not a listener");
            } else if (uri.getHost().equals("localhost")) {
                // Advertised to the host: the published port must lead to that listener.
                boolean published = ports.stream().anyMatch(p -> containerPort(p) == port && Integer.valueOf(uri.getPort()).equals(hostPort(p)));
                if (!published) problems.add(name + ": advertises localhost:" + uri.getPort() + " but does not publish it to listener " + listener);
            } else if (!hosts.getOrDefault(uri.getHost(), List.of()).contains(name) || uri.getPort() != port) {
                problems.add(name + ": advertises " + uri.getHost() + ":" + uri.getPort() + " for listener " + listener + " on port " + port);
            }
        }
        if (advertised.isEmpty()) problems.add(name + ": no KAFKA_ADVERTISED_LISTENERS");
        if (!"1".equals(env.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"))) {
            problems.add(name + ": a single node needs KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR=1 for transactions");
        }
    }

    // ---- depends_on --------------------------------------------------------------------------------------------

    private void checkDependencies(String name, JsonNode service) {
        JsonNode dependsOn = service.path("depends_on");
        Map<String, String> conditions = new LinkedHashMap<>();
        if (dependsOn.isArray()) dependsOn.forEach(d -> conditions.put(d.asText(), "service_started"));
        else dependsOn.fields().forEachRemaining(d -> conditions.put(d.getKey(), d.getValue().path("condition").asText("service_started")));
        conditions.forEach((target, condition) -> {
            if (!services.has(target)) {
                problems.add(name + ": depends on " + target + ", which is not a service");
            } else if (!CONDITIONS.contains(condition)) {
                problems.add(name + ": unknown depends_on condition " + condition);
            } else if (condition.equals("service_healthy") && !services.get(target).has("healthcheck")) {
                problems.add(name + ": waits for " + target + " to be healthy, but " + target + " has no healthcheck");
            }
        });
    }
}
