package io.avrogate.registry;

/**
 * An answer the registry gives instead of a result, with Confluent's HTTP status and error code. For five-digit
 * codes the status is the first three digits; a few errors use the plain status as their code (409, 400, 404).
 */
public final class RegistryException extends RuntimeException {
    private final int status;
    private final int errorCode;

    public RegistryException(int status, int errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() { return status; }

    public int errorCode() { return errorCode; }

    public static RegistryException subjectNotFound(String subject) {
        return new RegistryException(404, 40401, "Subject '" + subject + "' not found.");
    }

    public static RegistryException versionNotFound(Object version) {
        return new RegistryException(404, 40402, "Version " + version + " not found.");
    }

    public static RegistryException schemaNotFound() {
        return new RegistryException(404, 40403, "Schema not found");
    }

    public static RegistryException schemaIdNotFound(int id) {
        return new RegistryException(404, 40403, "Schema " + id + " not found");
    }

    public static RegistryException invalidSchema(String message) {
        return new RegistryException(422, 42201, message);
    }

    public static RegistryException invalidVersion(String version) {
        return new RegistryException(422, 42202, "The specified version '" + version + "' is not a valid version id."
                + " Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    public static RegistryException invalidLevel() {
        return new RegistryException(422, 42203, "Invalid compatibility level. Valid values are none, backward, forward,"
                + " full, backward_transitive, forward_transitive, and full_transitive");
    }

    public static RegistryException invalidMode() {
        return new RegistryException(422, 42204, "Invalid mode. Valid values are READWRITE, READONLY, and IMPORT.");
    }

    public static RegistryException notPermitted(String message) {
        return new RegistryException(422, 42205, message);
    }

    public static RegistryException referenceExists(String subject, int version) {
        return new RegistryException(422, 42206, "One or more references exist to the schema {magic=1,keytype=SCHEMA,subject="
                + subject + ",version=" + version + "}.");
    }

    public static RegistryException invalidSubject(String subject) {
        return new RegistryException(422, 42208, "The specified subject is not valid: '" + subject + "'");
    }

    public static RegistryException tooLarge(int bytes, int limit) {
        return new RegistryException(422, 42209, "Register operation failed because schema is too large ("
                + bytes + " bytes, limit " + limit + ")");
    }

    public static RegistryException badRequest(String message) {
        return new RegistryException(400, 400, message);
    }

    public static RegistryException storeError(String message) {
        return new RegistryException(500, 50001, message);
    }

    public static RegistryException timeout(String message) {
        return new RegistryException(500, 50002, message);
    }
}
