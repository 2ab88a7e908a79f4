package io.avrogate.registry;

import java.util.Locale;

/**
 * Every error the registry answers, in one place: HTTP status, Confluent error code and message format. The messages
 * are Confluent's, as recorded from Confluent Schema Registry 7.9 where Confluent has the error (the conformance
 * tests compare them), including its oddities ("soft deleted.Set permanent=true"). For five-digit codes the status
 * is the first three digits; a few errors use the plain status as their code (400, 404, 409), as Confluent does.
 *
 * <p>Several constants may share a code: the code tells a client what went wrong, the constant says which message
 * explains it. Free-text arguments ({@code %s}) carry detail that only the failing component knows, such as a parser's
 * message.
 */
public enum RegistryError {
    // ---- 400: a request body that is not what the endpoint takes ----
    MALFORMED_JSON(400, 400, "%s"),
    UNEXPECTED_JSON_TYPE(400, 400, "Cannot deserialize value of type `%s` from %s"),
    FIELD_NOT_STRING(400, 400, "\"%s\" must be a string"),
    FIELD_NOT_INTEGER(400, 400, "\"%s\" must be an integer"),
    FIELD_NOT_ARRAY(400, 400, "\"%s\" must be an array"),
    FIELD_NOT_OBJECT(400, 400, "\"%s\" must be an object"),
    MALFORMED_REFERENCE(400, 400, "each reference needs a string name and subject and an integer version"),
    MALFORMED_PERCENT_ENCODING(400, 400, "Malformed percent-encoding in the path"),

    // ---- 404 ----
    ROUTE_NOT_FOUND(404, 404, "HTTP 404 Not Found"),
    SUBJECT_NOT_FOUND(404, 40401, "Subject '%s' not found."),
    /** The argument is a version number or {@code latest}. */
    VERSION_NOT_FOUND(404, 40402, "Version %s not found."),
    SCHEMA_NOT_FOUND(404, 40403, "Schema not found"),
    SCHEMA_ID_NOT_FOUND(404, 40403, "Schema %d not found"),
    SUBJECT_SOFT_DELETED(404, 40404, "Subject '%s' was soft deleted.Set permanent=true to delete permanently"),
    SUBJECT_NOT_SOFT_DELETED(404, 40405, "Subject '%s' was not deleted first before being permanently deleted"),
    VERSION_SOFT_DELETED(404, 40406, "Subject '%s' Version %d was soft deleted.Set permanent=true to delete permanently"),
    VERSION_NOT_SOFT_DELETED(404, 40407,
            "Subject '%s' Version %d was not deleted first before being permanently deleted"),
    SUBJECT_COMPATIBILITY_NOT_CONFIGURED(404, 40408,
            "Subject '%s' does not have subject-level compatibility configured"),
    SUBJECT_MODE_NOT_CONFIGURED(404, 40409, "Subject '%s' does not have subject-level mode configured"),

    // ---- HTTP errors before any handler: an unsupported method or media type ----
    METHOD_NOT_ALLOWED(405, 405, "HTTP 405 Method Not Allowed"),
    NOT_ACCEPTABLE(406, 406, "HTTP 406 Not Acceptable"),
    UNSUPPORTED_MEDIA_TYPE(415, 415, "HTTP 415 Unsupported Media Type"),

    // ---- 409 ----
    /** Arguments: the subject, then the checker's messages joined by ", ". */
    INCOMPATIBLE_SCHEMA(409, 409,
            "Schema being registered is incompatible with an earlier schema for subject \"%s\", details: [%s]"),

    // ---- 422: a well-formed request the registry refuses ----
    INVALID_SCHEMA_TYPE(422, 42201, "Invalid schema type %s"),
    EMPTY_SCHEMA(422, 42201, "Empty schema"),
    /** The argument says what is wrong: the parser's message or an unresolvable reference, with the request. */
    INVALID_SCHEMA(422, 42201, "Invalid schema: %s"),
    VERSION_NOT_NEXT(422, 42201, "Version is not one more than previous version"),
    INVALID_VERSION(422, 42202, "The specified version '%s' is not a valid version id."
            + " Allowed values are between [1, 2^31-1] and the string \"latest\""),
    INVALID_COMPATIBILITY_LEVEL(422, 42203, "Invalid compatibility level. Valid values are none, backward, forward,"
            + " full, backward_transitive, forward_transitive, and full_transitive"),
    INVALID_MODE(422, 42204, "Invalid mode. Valid values are READWRITE, READONLY, and IMPORT."),
    SUBJECT_READ_ONLY(422, 42205, "Subject %s is in read-only mode"),
    SUBJECT_NOT_IN_IMPORT_MODE(422, 42205, "Subject %s is not in import mode"),
    SUBJECT_NOT_IN_READWRITE_MODE(422, 42205, "Subject %s is not in read-write mode"),
    IMPORT_OVER_EXISTING_SUBJECTS(422, 42205, "Cannot import since found existing subjects"),
    ID_HELD_BY_OTHER_SCHEMA(422, 42205, "Overwrite new schema with id %d is not permitted."),
    /** Arguments: version, subject, the id that version has. */
    VERSION_ALREADY_EXISTS(422, 42205, "Version %d of subject %s already exists with id %d"),
    REFERENCE_EXISTS(422, 42206,
            "One or more references exist to the schema {magic=1,keytype=SCHEMA,subject=%s,version=%d}."),
    INVALID_SUBJECT(422, 42208, "The specified subject is not valid: '%s'"),
    /** A rule set Confluent's rule-set extension would refuse (the community server has no such check). */
    INVALID_RULE_SET(422, 42210, "Invalid rule set: %s"),
    SCHEMA_TOO_LARGE(422, 42209, "Register operation failed because schema is too large (%d bytes, limit %d)"),
    /** The broker refused the record although the schema was within {@code avrogate.schema.max.bytes}. */
    STORE_RECORD_TOO_LARGE(422, 42209, "Register operation failed because schema is too large"),

    // ---- 500/50001: the store failed ----
    /** Arguments: the store topic, the attempts made. */
    WRITER_ROLE_CONTESTED(500, 50001, "Error while writing to the Kafka store: another registry instance on %s"
            + " kept taking over writes (%d attempts)"),
    STORE_WRITE_FAILED(500, 50001, "Error while writing to the Kafka store: %s"),
    STORE_WRITE_INTERRUPTED(500, 50001, "interrupted while writing to Kafka"),
    STORE_READER_FAILED(500, 50001, "the store reader failed: %s"),
    /** Something no request should cause; the argument is the exception's simple class name. */
    INTERNAL_ERROR(500, 50001, "Internal error: %s"),

    // ---- 500/50002: the store did not answer in time ----
    STORE_TIMEOUT(500, 50002, "Register operation timed out"),
    /** Arguments: the store topic, the producer's failure. */
    WRITER_ROLE_UNAVAILABLE(500, 50002, "Register operation timed out: cannot become the writer of %s: %s"),
    STORE_NOT_APPLIED(500, 50002, "Register operation timed out waiting for the store"),
    /** Arguments: the store topic, the failure. */
    STORE_END_UNKNOWN(500, 50002, "could not find the end of %s: %s"),
    /** The argument says what was being waited for. */
    STORE_WAIT_INTERRUPTED(500, 50002, "interrupted while %s");

    private final int status;
    private final int code;
    private final String format;

    RegistryError(int status, int code, String format) {
        this.status = status;
        this.code = code;
        this.format = format;
    }

    public int status() {
        return status;
    }

    /** Confluent's {@code error_code}. */
    public int code() {
        return code;
    }

    /** The message with these arguments; {@link Locale#ROOT} so that numbers are ASCII digits in any locale. */
    public String message(Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** The exception that answers this error with this message. */
    public RegistryException exception(Object... args) {
        return new RegistryException(this, message(args));
    }
}
