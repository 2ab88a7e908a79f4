package io.avrogate.check.maven;

import io.avrogate.check.LatestVersionStager;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Stages the latest version of each subject for code generation: referenced shared types into
 * {@code <outputDirectory>/imports}, the rest into {@code <outputDirectory>/sources}. Point avro-maven-plugin's
 * {@code imports} and {@code sourceDirectory} there.
 */
@Mojo(name = "stage-latest", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class StageLatestMojo extends AbstractMojo {

    @Parameter(property = "avrogate.schemasDirectory", defaultValue = "${project.basedir}/schemas")
    File schemasDirectory;

    @Parameter(property = "avrogate.stageDirectory", defaultValue = "${project.build.directory}/avrogate/latest")
    File outputDirectory;

    @Override
    public void execute() throws MojoExecutionException {
        try {
            int count = LatestVersionStager.stage(schemasDirectory.toPath(), outputDirectory.toPath());
            getLog().info("staged the latest version of " + count + " subjects in " + outputDirectory);
        } catch (IOException | IllegalArgumentException e) {
            throw new MojoExecutionException("cannot stage the latest schema versions: " + e.getMessage(), e);
        }
    }
}
