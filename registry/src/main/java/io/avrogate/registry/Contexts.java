package io.avrogate.registry;

/**
 * Confluent's schema contexts: a subject {@code :.ctx:name} lives in context {@code .ctx}, any other subject in the
 * default context {@code .}. A context is a namespace for ids: each has its own id sequence, and the same schema
 * has one id per context. Subjects keep their qualified names everywhere (store keys, listings), as Confluent's do.
 */
public final class Contexts {
    public static final String DEFAULT = ".";
    /** Confluent's prefix for "every context" in listings. */
    public static final String WILDCARD = ":*:";

    private Contexts() {}

    /**
     * The context a subject (or a context-only prefix such as {@code :.ctx:}) belongs to; {@link #DEFAULT} for a
     * plain name or null.
     */
    public static String of(String subject) {
        if (subject == null || !subject.startsWith(":.")) return DEFAULT;
        int end = subject.indexOf(':', 2);
        String context = end < 0 ? subject.substring(1) : subject.substring(1, end);
        return context.isEmpty() ? DEFAULT : context;
    }

    /** Whether a listing's {@code subjectPrefix} selects this subject; null or {@link #WILDCARD} select all. */
    public static boolean matchesPrefix(String subject, String prefix) {
        return prefix == null || prefix.equals(WILDCARD) || subject.startsWith(prefix);
    }

    /** A subject named relative to {@code context}: unchanged if it names its own context or the context is the default. */
    public static String qualify(String subject, String context) {
        if (DEFAULT.equals(context) || subject.startsWith(":.")) return subject;
        return ":" + context + ":" + subject;
    }
}
