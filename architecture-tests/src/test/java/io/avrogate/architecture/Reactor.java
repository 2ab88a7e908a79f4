package io.avrogate.architecture;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Model;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;

/**
 * The reactor as its pom files declare it: the modules the root pom lists and, for each, its dependencies on other
 * modules of the reactor. Raw poms, not Maven's effective model: a scope left out is taken from the root pom's
 * dependencyManagement, else compile, as Maven does.
 */
record Reactor(Map<String, List<Edge>> dependencies) {
    /** A dependency of one module on another, by folder, with its Maven scope. */
    record Edge(String module, String scope) {
        /** Maven puts compile and runtime dependencies of a dependency on the classpath too; test and provided not. */
        boolean transitive() {
            return scope.equals("compile") || scope.equals("runtime");
        }
    }

    static Reactor read(Path root) throws IOException {
        Model parent = model(root.resolve("pom.xml"));
        Map<String, Model> modules = new LinkedHashMap<>();
        for (String folder : parent.getModules()) modules.put(folder, model(root.resolve(folder).resolve("pom.xml")));

        Map<String, String> folderOfArtifact = new LinkedHashMap<>();
        modules.forEach((folder, model) -> folderOfArtifact.put(key(groupId(model, parent), model.getArtifactId()), folder));
        Map<String, String> managedScope = new LinkedHashMap<>();
        if (parent.getDependencyManagement() != null) {
            for (Dependency d : parent.getDependencyManagement().getDependencies()) {
                if (d.getScope() != null) managedScope.put(key(d.getGroupId(), d.getArtifactId()), d.getScope());
            }
        }

        Map<String, List<Edge>> dependencies = new LinkedHashMap<>();
        modules.forEach((folder, model) -> {
            List<Dependency> declared = new ArrayList<>(parent.getDependencies()); // inherited by every module
            declared.addAll(model.getDependencies());
            List<Edge> edges = new ArrayList<>();
            for (Dependency d : declared) {
                String key = key(d.getGroupId().replace("${project.groupId}", groupId(model, parent)), d.getArtifactId());
                String target = folderOfArtifact.get(key);
                if (target == null) continue; // not one of ours
                String scope = d.getScope() != null ? d.getScope() : managedScope.getOrDefault(key, "compile");
                edges.add(new Edge(target, scope));
            }
            dependencies.put(folder, List.copyOf(edges));
        });
        return new Reactor(dependencies);
    }

    private static Model model(Path pom) throws IOException {
        try (Reader reader = Files.newBufferedReader(pom)) {
            return new MavenXpp3Reader().read(reader);
        } catch (XmlPullParserException e) {
            throw new IOException("cannot parse " + pom + ": " + e.getMessage(), e);
        }
    }

    private static String groupId(Model model, Model parent) {
        return Objects.requireNonNullElse(model.getGroupId(), parent.getGroupId());
    }

    private static String key(String groupId, String artifactId) {
        return groupId + ":" + artifactId;
    }
}
