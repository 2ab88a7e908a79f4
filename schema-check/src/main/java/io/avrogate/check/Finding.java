package io.avrogate.check;

/**
 * One result of a check that a reviewer should see.
 *
 * @param severity ERROR fails the check; WARNING is reported (and fails only with --fail-on-warning); NOTICE is for
 *                 the reviewer's eyes only (e.g. a subject on a topic no other subject uses) and never fails
 * @param check    which check found it: structure, parse, lint, immutability, compatibility, migration, names
 * @param subject  the subject (or mapping name) it concerns; empty for the repository as a whole
 * @param file     the file to look at, relative to the schemas folder; may be empty
 * @param message  what is wrong, in plain words
 * @param hint     how to fix it; may be empty
 */
public record Finding(Severity severity, String check, String subject, String file, String message, String hint) {
    public enum Severity { ERROR, WARNING, NOTICE }

    public static Finding error(String check, String subject, String file, String message, String hint) {
        return new Finding(Severity.ERROR, check, subject, file, message, hint);
    }

    public static Finding warning(String check, String subject, String file, String message, String hint) {
        return new Finding(Severity.WARNING, check, subject, file, message, hint);
    }

    public static Finding notice(String check, String subject, String file, String message, String hint) {
        return new Finding(Severity.NOTICE, check, subject, file, message, hint);
    }

    /** The same finding with its file seen from another folder, e.g. {@code schemas/} prepended for a project. */
    public Finding withFilePrefix(String prefix) {
        return file.isEmpty() || prefix.isEmpty() ? this : new Finding(severity, check, subject, prefix + file, message, hint);
    }

    /** How reports name the severity: error, warning or notice. */
    public String label() {
        return severity.name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isWarning() {
        return severity == Severity.WARNING;
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
