package io.avrogate.check.maven;

import io.avrogate.check.SchemaCheck;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Parses every version of every subject (with its references) and checks the folder structure and subject names;
 * a JSON syntax error is named {@code schemas/subjects/<s>/vN.avsc:LINE:COLUMN}. Bound to {@code validate}: before
 * code generation, which would otherwise report the error against a staged copy.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class ValidateMojo extends AbstractSchemasMojo {

    @Override
    void run() throws MojoFailureException {
        logAndVerify(fromProject(new SchemaCheck(new SchemaCheck.Options(schemas(), null, null, null)).validate()),
                "schema validation", false);
    }
}
