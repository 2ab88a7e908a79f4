package io.avrogate.check;

/**
 * One result of a check that a reviewer should see.
 *
 * @param severity ERROR fails the check; WARNING is reported (and fails only with --fail-on-warning)
 * @param check    which check found it: structure, parse, lint, immutability, compatibility, migration, names
 * @param subject  the subject (or mapping name) it concerns; empty for the repository as a whole
 * @param file     the file to look at, relative to the schemas folder; may be empty
 * @param message  what is wrong, in plain words
 * @param hint     how to fix it; may be empty
 */
public record Finding(Severity severity, String check, String subject, String file, String message, String hint) {
    public enum Severity { ERROR, WARNING }

    public static Finding error(String check, String subject, String file, String message, String hint) {
        return new Finding(Severity.ERROR, check, subject, file, message, hint);
    }

    public static Finding warning(String check, String subject, String file, String message, String hint) {
        return new Finding(Severity.WARNING, check, subject, file, message, hint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
