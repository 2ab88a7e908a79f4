package io.avrogate.core.migration;

/** A record the mapping cannot translate, with the target field and the reason. */
public class TranslationException extends RuntimeException {
    private final String field;

    public TranslationException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public TranslationException(String field, String reason, Throwable cause) {
        super(field + ": " + reason, cause);
        this.field = field;
    }

    /** The target field (dotted path) that could not be produced. */
    public String field() {
        return field;
    }
}
