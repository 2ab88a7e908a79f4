package io.avrogate.core.migration;

/**
 * One thing wrong with a mapping, tied to the target field it concerns (or empty for the mapping as a whole).
 * Errors make a mapping unusable; warnings point at something a reviewer should look at.
 */
public record MappingProblem(Severity severity, String field, String message) {
    public enum Severity { ERROR, WARNING }

    static MappingProblem error(String field, String message) {
        return new MappingProblem(Severity.ERROR, field, message);
    }

    static MappingProblem warning(String field, String message) {
        return new MappingProblem(Severity.WARNING, field, message);
    }

    private static final String DEAD_LETTERS = ": such records go to the dead-letter topic";

    /** A warning that some values of the field cannot be translated: {@code on_error} on the field answers it. */
    static MappingProblem deadLetters(String field, String why) {
        return new MappingProblem(Severity.WARNING, field, why + DEAD_LETTERS);
    }

    boolean isDeadLetterWarning() {
        return severity == Severity.WARNING && message.endsWith(DEAD_LETTERS);
    }

    @Override
    public String toString() {
        return severity + (field.isEmpty() ? "" : " " + field) + ": " + message;
    }
}
