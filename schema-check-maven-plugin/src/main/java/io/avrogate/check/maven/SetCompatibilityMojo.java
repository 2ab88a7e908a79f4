package io.avrogate.check.maven;

import io.avrogate.check.SchemaRepository;
import io.avrogate.check.Subject;
import io.avrogate.core.CompatibilityLevel;
import io.avrogate.registry.client.RegistryClientException;
import io.avrogate.registry.client.SchemaRegistryClient;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Sets compatibility levels in the registry: every subject's level from its subject.yaml, plus (winning over those)
 * the entries of {@code compatibilityLevels}, subject to level, where the key {@code __GLOBAL} is the registry-wide
 * default. Only levels that differ are written.
 */
@Mojo(name = "set-compatibility", threadSafe = true)
public class SetCompatibilityMojo extends AbstractRegistryMojo {
    static final String GLOBAL = "__GLOBAL";

    /** Subject to level (NONE, BACKWARD, ..., FULL_TRANSITIVE); {@code __GLOBAL} for the registry's default. */
    @Parameter
    Map<String, String> compatibilityLevels;

    @Override
    void run() throws MojoExecutionException {
        Map<String, String> wanted = new TreeMap<>();
        if (Files.isDirectory(schemas().resolve("subjects"))) {
            for (Subject s : SchemaRepository.load(schemas()).subjects().values()) {
                wanted.put(s.name(), s.config().compatibility().name());
            }
        }
        if (compatibilityLevels != null) {
            compatibilityLevels.forEach((subject, level) -> wanted.put(subject, CompatibilityLevel.parse(level)
                    .orElseThrow(() -> new IllegalArgumentException("unknown compatibility level '" + level + "' for "
                            + subject)).name()));
        }
        int changed = 0;
        try (SchemaRegistryClient client = client()) {
            for (Map.Entry<String, String> e : wanted.entrySet()) {
                String subject = e.getKey().equals(GLOBAL) ? null : e.getKey();
                String current = subject == null ? client.compatibilityLevel(null) : client.subjectCompatibilityLevel(subject);
                if (e.getValue().equals(current)) continue;
                client.setCompatibilityLevel(subject, e.getValue());
                getLog().info((subject == null ? "global default" : subject) + ": set " + e.getValue() + " (was "
                        + (current == null ? "the global default" : current) + ")");
                changed++;
            }
        } catch (RegistryClientException e) {
            throw new MojoExecutionException("the registry at " + registryName() + " failed: " + e.getMessage(), e);
        }
        getLog().info("set " + changed + " of " + wanted.size() + " compatibility levels in " + registryName());
    }
}
