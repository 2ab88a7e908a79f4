package io.avrogate.check.maven;

import io.avrogate.check.SchemaDownload;
import io.avrogate.registry.client.RegistryClientException;
import io.avrogate.registry.client.SchemaRegistryClient;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Downloads the subjects whose names match {@code subjectPatterns} into the repository layout:
 * {@code <outputDirectory>/subjects/<subject>/v1.avsc, v2.avsc, ...} and a subject.yaml (never overwriting one).
 */
@Mojo(name = "download", threadSafe = true, requiresProject = false)
public class DownloadMojo extends AbstractRegistryMojo {

    /** Regular expressions; a subject is downloaded when one matches its whole name. */
    @Parameter(property = "avrogate.subjectPatterns", required = true)
    List<String> subjectPatterns;

    /** The schemas folder to write into (subjects/ is created under it); by default schemasDirectory. */
    @Parameter(property = "avrogate.outputDirectory")
    File outputDirectory;

    /** Write schemas indented rather than on one line as the registry stores them. */
    @Parameter(property = "avrogate.prettyPrintSchemas", defaultValue = "true")
    boolean prettyPrintSchemas;

    @Override
    void run() throws MojoExecutionException {
        List<Pattern> patterns;
        try {
            patterns = subjectPatterns.stream().map(Pattern::compile).toList();
        } catch (PatternSyntaxException e) {
            throw new MojoExecutionException("subjectPatterns: " + e.getMessage(), e);
        }
        File target = outputDirectory != null ? outputDirectory : schemasDirectory;
        try (SchemaRegistryClient client = client()) {
            SchemaDownload.Outcome outcome = new SchemaDownload(client, getLog()::info)
                    .download(patterns, target.toPath(), prettyPrintSchemas);
            if (outcome.subjects().isEmpty()) getLog().warn("no subject in " + registryName() + " matches " + subjectPatterns);
            getLog().info("downloaded " + outcome.subjects().size() + " subjects (" + outcome.versionsWritten()
                    + " new version files) into " + target);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write into " + target + ": " + e.getMessage(), e);
        } catch (RegistryClientException e) {
            throw new MojoExecutionException("the registry at " + registryName() + " failed: " + e.getMessage(), e);
        }
    }
}
