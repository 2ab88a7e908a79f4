package io.avrogate.cli.init;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The application project that {@code avrogate init} writes: the files under {@code init/template/} on the class
 * path, with {@code {{groupId}}}, {@code {{artifactId}}}, {@code {{package}}} and {@code {{avrogateVersion}}}
 * replaced. Java sources sit flat in the template and land in their package's folder.
 */
public final class ProjectTemplate {
    /** Template file (on the class path, under init/template/) and where it goes; PACKAGE is the package's folder. */
    private static final Map<String, String> FILES = files(
            "pom.xml", "pom.xml",
            "README.md", "README.md",
            "gitignore", ".gitignore",
            "schemas/subjects/orders-value/subject.yaml", "schemas/subjects/orders-value/subject.yaml",
            "schemas/subjects/orders-value/v1.avsc", "schemas/subjects/orders-value/v1.avsc",
            "src/main/resources/producer.properties", "src/main/resources/producer.properties",
            "src/main/resources/consumer.properties", "src/main/resources/consumer.properties",
            "src/main/java/OrderEvents.java", "src/main/java/PACKAGE/OrderEvents.java",
            "src/test/java/OrderEventsTest.java", "src/test/java/PACKAGE/OrderEventsTest.java");

    private static final Pattern JAVA_PACKAGE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");
    private static final Pattern MAVEN_ID = Pattern.compile("[A-Za-z0-9_.-]+");

    private final String groupId;
    private final String artifactId;
    private final String javaPackage;
    private final String avrogateVersion;

    /**
     * @throws IllegalArgumentException when an id is not a valid Maven id or the package not a lower-case Java package
     */
    public ProjectTemplate(String groupId, String artifactId, String javaPackage, String avrogateVersion) {
        require(MAVEN_ID, groupId, "group id");
        require(MAVEN_ID, artifactId, "artifact id");
        require(JAVA_PACKAGE, javaPackage, "package (lower case, dot-separated)");
        this.groupId = groupId;
        this.artifactId = artifactId;
        this.javaPackage = javaPackage;
        this.avrogateVersion = avrogateVersion;
    }

    /** The package derived from a group and artifact id: {@code com.acme} + {@code order-service} = com.acme.orderservice. */
    public static String defaultPackage(String groupId, String artifactId) {
        String pkg = (groupId + "." + artifactId).toLowerCase().replaceAll("[^a-z0-9_.]", "");
        return pkg.replaceAll("\\.(?=[0-9])", "._");
    }

    /** The version of avrogate this command belongs to: the generated project uses the same BOM and plugin. */
    public static String avrogateVersion() {
        Properties properties = new Properties();
        try (InputStream in = ProjectTemplate.class.getResourceAsStream("/io/avrogate/cli/avrogate-version.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    /** The files of the project: path relative to its folder, and content. */
    public Map<Path, String> render() {
        Map<Path, String> out = new LinkedHashMap<>();
        FILES.forEach((template, target) -> out.put(
                Path.of(target.replace("PACKAGE", javaPackage.replace('.', '/'))), substitute(read(template))));
        return out;
    }

    /** Writes the project into {@code dir}, which must not exist or be empty; answers the files written. */
    public List<Path> writeTo(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) throw new IllegalArgumentException(dir + " is not empty");
            }
        } else if (Files.exists(dir)) {
            throw new IllegalArgumentException(dir + " is a file");
        }
        Map<Path, String> files = render();
        for (Map.Entry<Path, String> file : files.entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        return List.copyOf(files.keySet());
    }

    private String substitute(String text) {
        return text.replace("{{groupId}}", groupId).replace("{{artifactId}}", artifactId)
                .replace("{{package}}", javaPackage).replace("{{avrogateVersion}}", avrogateVersion);
    }

    private static String read(String template) {
        try (InputStream in = ProjectTemplate.class.getResourceAsStream("template/" + template)) {
            if (in == null) throw new IllegalStateException("template file missing from the class path: " + template);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void require(Pattern pattern, String value, String what) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("not a valid " + what + ": " + value);
        }
    }

    private static Map<String, String> files(String... templateThenTarget) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < templateThenTarget.length; i += 2) files.put(templateThenTarget[i], templateThenTarget[i + 1]);
        return files;
    }
}
