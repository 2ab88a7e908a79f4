package io.avrogate.check.maven;

import io.avrogate.check.CheckReport;
import io.avrogate.check.SchemaCheck;
import io.avrogate.check.report.ReportFormat;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Runs the avrogate schema check as part of a build; fails the build when a check fails. */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = true)
public class CheckMojo extends AbstractMojo {

    /** The folder holding subjects/ and migrations/. */
    @Parameter(property = "avrogate.schemasDirectory", defaultValue = "${project.basedir}/schemas")
    File schemasDirectory;

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

    @Parameter(property = "avrogate.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("avrogate schema check skipped");
            return;
        }
        CheckReport report;
        try {
            report = new SchemaCheck(new SchemaCheck.Options(schemasDirectory.toPath(), against, null, null)).run();
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("avrogate schema check cannot run: " + e.getMessage(), e);
        }
        for (String line : ReportFormat.TEXT.render(report).split("\n")) {
            if (line.contains("error [")) getLog().error(line);
            else if (line.contains("warning [")) getLog().warn(line);
            else getLog().info(line);
        }
        if (reportFile != null) {
            try {
                Files.createDirectories(reportFile.toPath().toAbsolutePath().getParent());
                Files.writeString(reportFile.toPath(), ReportFormat.parse(format).render(report));
            } catch (IOException | IllegalArgumentException e) {
                throw new MojoExecutionException("cannot write " + reportFile + ": " + e.getMessage(), e);
            }
        }
        if (!report.passed(failOnWarning)) {
            throw new MojoFailureException("avrogate schema check failed: " + report.errorCount() + " errors, "
                    + report.warningCount() + " warnings");
        }
    }
}
