package io.avrogate.check.maven;

import io.avrogate.check.SchemaRegistration;
import io.avrogate.check.SchemaRepository;
import io.avrogate.registry.client.RegistryClientException;
import io.avrogate.registry.client.SchemaRegistryClient;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Registers what the registry lacks: subjects in reference order (referenced subjects first), each subject's level
 * from subject.yaml pinned before its missing versions are registered, oldest first. A second run registers nothing.
 */
@Mojo(name = "register", threadSafe = true)
public class RegisterMojo extends AbstractRegistryMojo {

    /** Ask the registry to normalize each schema before registering and looking it up. */
    @Parameter(property = "avrogate.normalizeSchemas", defaultValue = "false")
    boolean normalizeSchemas;

    /** Only print what would be registered. */
    @Parameter(property = "avrogate.dryRun", defaultValue = "false")
    boolean dryRun;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        try (SchemaRegistryClient client = client()) {
            SchemaRegistration.Outcome outcome = new SchemaRegistration(SchemaRepository.load(schemas()), client, dryRun,
                    normalizeSchemas, getLog()::info).run();
            getLog().info((dryRun ? "would register " : "registered ") + outcome.registered() + " versions in "
                    + registryName() + " (" + outcome.alreadyRegistered() + " already there, "
                    + outcome.levelsSet() + " levels " + (dryRun ? "to set" : "set") + ")");
        } catch (SchemaRegistration.RegistrationException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (RegistryClientException e) {
            throw new MojoExecutionException("the registry at " + registryName() + " failed: " + e.getMessage(), e);
        }
    }
}
