package io.avrogate.core;

/**
 * One reason a candidate schema breaks compatibility with one previous version.
 *
 * @param direction      which way the failing read goes
 * @param oldVersion     the previous version that failed
 * @param errorType      Avro's incompatibility type, e.g. {@code READER_FIELD_MISSING_DEFAULT_VALUE}
 * @param path           the JSON-pointer-like location, e.g. {@code /fields/1/type}
 * @param fieldPath      the dotted field path a reviewer recognises, e.g. {@code device.os}; empty at top level
 * @param readerType     the reader-side type at that place, as short text
 * @param writerType     the writer-side type at that place, as short text
 * @param description    Confluent's description text, with "new"/"old" as Confluent words it
 * @param additionalInfo Confluent's additionalInfo text
 * @param explanation    plain words for a reviewer: what breaks, where, between which versions, and how to fix it
 */
public record Incompatibility(
        Direction direction,
        int oldVersion,
        String errorType,
        String path,
        String fieldPath,
        String readerType,
        String writerType,
        String description,
        String additionalInfo,
        String explanation) {

    /** The error type used when Avro's checker threw instead of reporting. */
    public static final String UNEXPECTED_EXCEPTION = "UNEXPECTED_EXCEPTION";

    /**
     * Confluent's message form: {@code {errorType:'...', description:'...', additionalInfo:'...'}}; when Avro's
     * checker threw, Confluent lists the bare description instead.
     */
    public String confluentMessage() {
        if (UNEXPECTED_EXCEPTION.equals(errorType)) {
            return description;
        }
        return "{errorType:'" + errorType + "', description:'" + description + "', additionalInfo:'" + additionalInfo + "'}";
    }
}
