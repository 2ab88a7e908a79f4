package io.avrogate.check.maven;

import io.avrogate.check.SchemaCheck;
import java.util.Set;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Offline: each subject's newest version against its earlier versions in {@code schemas/subjects/<s>/}, under the
 * level in subject.yaml (transitive levels: all of them), with the registry's own compatibility engine.
 */
@Mojo(name = "test-local-compatibility", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class TestLocalCompatibilityMojo extends AbstractSchemasMojo {
    static final Set<String> COMPATIBILITY_CHECKS = Set.of("structure", "naming", "parse", "compatibility");

    @Override
    void run() throws MojoFailureException {
        logAndVerify(fromProject(new SchemaCheck(new SchemaCheck.Options(schemas(), null, null, null)).run()
                .only(COMPATIBILITY_CHECKS)), "local compatibility test", false);
    }
}
