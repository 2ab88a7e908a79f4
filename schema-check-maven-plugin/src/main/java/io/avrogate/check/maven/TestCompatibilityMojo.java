package io.avrogate.check.maven;

import io.avrogate.check.RegistryCompatibilitySource;
import io.avrogate.check.SchemaCheck;
import io.avrogate.registry.client.RegistryClientException;
import io.avrogate.registry.client.SchemaRegistryClient;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Live: each subject's newest local version against every version the registry holds under the subject's level
 * ({@code POST /compatibility/subjects/{s}/versions?verbose=true}, as registration would check it), with the
 * registry's messages. A subject the registry does not know passes. Not bound by default: it needs a registry.
 */
@Mojo(name = "test-compatibility", threadSafe = true)
public class TestCompatibilityMojo extends AbstractRegistryMojo {

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        try (SchemaRegistryClient client = client()) {
            var source = new RegistryCompatibilitySource(client, registryName());
            logAndVerify(fromProject(new SchemaCheck(new SchemaCheck.Options(schemas(), null, null, source)).run()
                    .only(TestLocalCompatibilityMojo.COMPATIBILITY_CHECKS)), "compatibility test", false);
        } catch (RegistryClientException e) {
            throw new MojoExecutionException("the registry at " + registryName() + " failed: " + e.getMessage(), e);
        }
    }
}
