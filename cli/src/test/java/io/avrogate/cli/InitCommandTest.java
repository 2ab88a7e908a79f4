package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.cli.init.ProjectTemplate;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * {@code avrogate init}: the files it writes, and that the root README's "Use it in your project" snippets are the
 * generated project's (the project {@code SampleApplicationTest} builds). Building it is that slow test's job.
 */
class InitCommandTest {
    /** Surefire runs in this module's folder; the reactor's root is one up. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path tmp;

    @Test
    void createsAProjectWhoseSchemasPassTheCheck() throws Exception {
        Path app = tmp.resolve("orders-app");
        SchemaRepoFixture.Result init = run("init", app.toString(), "--group-id", "com.acme");

        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).contains("com.acme:orders-app", "package com.acme.ordersapp");
        assertThat(app.resolve("src/main/java/com/acme/ordersapp/OrderEvents.java")).exists();
        assertThat(app.resolve("src/test/java/com/acme/ordersapp/OrderEventsTest.java")).exists();
        assertThat(app.resolve(".gitignore")).hasContent("target/");
        try (Stream<Path> files = Files.walk(app)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain("{{");
            }
        }
        String pom = Files.readString(app.resolve("pom.xml"));
        assertThat(pom).contains("<groupId>com.acme</groupId>", "<artifactId>orders-app</artifactId>",
                "<avrogate.version>" + ProjectTemplate.avrogateVersion() + "</avrogate.version>");
        assertThat(Files.readString(app.resolve("schemas/subjects/orders-value/v1.avsc")))
                .contains("\"namespace\": \"com.acme.ordersapp.events\"");

        // The same engine as the plugin's check goal: the example subject is clean (structure, naming, lint).
        SchemaRepoFixture.Result check = run("check", "--schemas", app.resolve("schemas").toString(), "--fail-on-warning");
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
    }

    @Test
    void refusesAFolderThatIsNotEmptyAndABadPackage() throws Exception {
        Path used = Files.createDirectories(tmp.resolve("used"));
        Files.writeString(used.resolve("pom.xml"), "<project/>");
        SchemaRepoFixture.Result notEmpty = run("init", used.toString());
        assertThat(notEmpty.exitCode()).isEqualTo(1);
        assertThat(notEmpty.err()).contains("is not empty");
        assertThat(used.resolve("pom.xml")).hasContent("<project/>");

        SchemaRepoFixture.Result badPackage = run("init", tmp.resolve("x").toString(), "--package", "Com.Acme");
        assertThat(badPackage.exitCode()).isEqualTo(2);
        assertThat(badPackage.err()).contains("not a valid package");
    }

    @Test
    void theReadmeSnippetsAreTheGeneratedProjects() throws Exception {
        String section = readmeSection("## Use it in your project");
        Path app = tmp.resolve("app");
        new ProjectTemplate("com.acme", "app", "com.acme.app", ProjectTemplate.avrogateVersion()).writeTo(app);

        List<String> xml = codeBlocks(section, "xml");
        assertThat(xml).as("xml snippets in the README section").hasSizeGreaterThanOrEqualTo(2);
        Element pom = parse(Files.readString(app.resolve("pom.xml")));
        for (String snippet : xml) {
            for (Element element : children(parse("<snippet>" + snippet + "</snippet>"))) {
                assertThat(containedSomewhere(element, pom)).as("README snippet element <%s> is in the generated pom:%n%s",
                        element.getTagName(), snippet).isTrue();
            }
        }

        List<String> properties = codeBlocks(section, "properties");
        assertThat(properties).hasSize(2);
        assertThat(load(properties.get(0))).isEqualTo(load(Files.readString(app.resolve("src/main/resources/producer.properties"))));
        assertThat(load(properties.get(1))).isEqualTo(load(Files.readString(app.resolve("src/main/resources/consumer.properties"))));

        assertThat(section).contains("version `" + ProjectTemplate.avrogateVersion() + "`");
        assertThat(section).as("the install command is RELEASING.md's")
                .contains(codeBlocks(Files.readString(ROOT.resolve("RELEASING.md")), "").get(0).strip());
    }

    private static SchemaRepoFixture.Result run(String... args) {
        return SchemaRepoFixture.run(args);
    }

    static String readmeSection(String heading) throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("\n" + heading + "\n");
        assertThat(start).as("README has a section " + heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + heading.length() + 2);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /** The fenced code blocks of a Markdown text whose info string is {@code language} ("" for none). */
    static List<String> codeBlocks(String markdown, String language) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^```" + Pattern.quote(language) + "\\n(.*?)^```$", Pattern.DOTALL).matcher(markdown);
        while (m.find()) blocks.add(m.group(1));
        return blocks;
    }

    /** True when some element of {@code tree} with the snippet's name contains it (see {@link #contains}). */
    private static boolean containedSomewhere(Element snippet, Element tree) {
        if (contains(tree, snippet)) return true;
        for (Element child : children(tree)) {
            if (containedSomewhere(snippet, child)) return true;
        }
        return false;
    }

    /**
     * The pom element has the snippet's name and text, and each of the snippet's child elements is contained in a
     * distinct child of the pom element. Comments and layout do not count.
     */
    private static boolean contains(Element pom, Element snippet) {
        if (!pom.getTagName().equals(snippet.getTagName())) return false;
        List<Element> snippetChildren = children(snippet);
        if (snippetChildren.isEmpty()) return children(pom).isEmpty() && text(pom).equals(text(snippet));
        List<Element> candidates = new ArrayList<>(children(pom));
        for (Element wanted : snippetChildren) {
            Element match = candidates.stream().filter(c -> contains(c, wanted)).findFirst().orElse(null);
            if (match == null) return false;
            candidates.remove(match);
        }
        return true;
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) out.add(e);
        }
        return out;
    }

    private static String text(Element e) {
        return e.getTextContent().strip();
    }

    private static Element parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setIgnoringComments(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
    }

    private static Properties load(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }
}
