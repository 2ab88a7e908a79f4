package io.avrogate.check.maven;

import io.avrogate.check.CheckReport;
import io.avrogate.check.SchemaCheck;
import io.avrogate.check.report.ReportFormat;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The full governance check (structure, subject names, parsing, lint, compatibility with earlier versions, name
 * clashes, migrations, and with {@code against} immutability of released versions). Bound to {@code validate}, so an
 * incompatible or broken schema fails the build before any code is generated from it.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class CheckMojo extends AbstractSchemasMojo {

    /** A git ref whose released versions must be unchanged (e.g. origin/main); unset skips that check. */
    @Parameter(property = "avrogate.against")
    String against;

    /** Also write the report to this file. */
    @Parameter(property = "avrogate.reportFile")
    File reportFile;

    /** Format of reportFile: text, markdown, junit or json. */
    @Parameter(property = "avrogate.format", defaultValue = "text")
    String format;

    /** Fail the build on warnings too. */
    @Parameter(property = "avrogate.failOnWarning", defaultValue = "false")
    boolean failOnWarning;

    @Override
    void run() throws MojoExecutionException, MojoFailureException {
        CheckReport report = fromProject(new SchemaCheck(new SchemaCheck.Options(schemas(), against, null, null)).run());
        if (reportFile != null) {
            try {
                Files.createDirectories(reportFile.toPath().toAbsolutePath().getParent());
                Files.writeString(reportFile.toPath(), ReportFormat.parse(format).render(report));
            } catch (IOException | IllegalArgumentException e) {
                throw new MojoExecutionException("cannot write " + reportFile + ": " + e.getMessage(), e);
            }
        }
        logAndVerify(report, "schema check", failOnWarning);
    }
}
