package io.avrogate.check.maven;

import io.avrogate.check.CheckReport;
import io.avrogate.check.report.ReportFormat;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What every goal that reads a {@code schemas/} folder shares: where it is, skipping, and reporting findings. */
abstract class AbstractSchemasMojo extends AbstractMojo {

    /** The folder holding subjects/ and migrations/. */
    @Parameter(property = "avrogate.schemasDirectory", defaultValue = "${project.basedir}/schemas")
    File schemasDirectory;

    /** Skip this goal. */
    @Parameter(property = "avrogate.skip", defaultValue = "false")
    boolean skip;

    /** Findings name files relative to this folder, so that they point to the files the user edits. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    File basedir;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("avrogate: skipped");
            return;
        }
        try {
            run();
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("avrogate cannot run: " + e.getMessage(), e);
        }
    }

    abstract void run() throws MojoExecutionException, MojoFailureException;

    Path schemas() {
        return schemasDirectory.toPath().toAbsolutePath().normalize();
    }

    /**
     * The report with file names as the user sees them from the project, e.g. {@code schemas/subjects/s/v2.avsc:5:19},
     * never a staged copy under target/.
     */
    CheckReport fromProject(CheckReport report) {
        Path base = basedir == null ? Path.of("").toAbsolutePath() : basedir.toPath().toAbsolutePath().normalize();
        Path schemas = schemas();
        String prefix = schemas.startsWith(base) ? base.relativize(schemas).toString() : schemas.toString();
        return report.withFilePrefix(prefix.isEmpty() ? "" : prefix.replace('\\', '/') + "/");
    }

    /** Logs the report as text, errors as errors, and fails the build when it did not pass. */
    void logAndVerify(CheckReport report, String what, boolean failOnWarning) throws MojoFailureException {
        for (String line : ReportFormat.TEXT.render(report).split("\n")) {
            String trimmed = line.stripLeading();
            if (trimmed.startsWith("error [")) getLog().error(line);
            else if (trimmed.startsWith("warning [")) getLog().warn(line);
            else getLog().info(line);
        }
        if (!report.passed(failOnWarning)) {
            String first = report.allFindings().filter(f -> f.isError() || (failOnWarning && f.isWarning())).findFirst()
                    .map(f -> ": " + (f.file().isEmpty() ? "" : f.file() + ": ") + f.message()).orElse("");
            throw new MojoFailureException("avrogate " + what + " failed (" + report.errorCount() + " errors, "
                    + report.warningCount() + " warnings)" + first);
        }
    }
}
