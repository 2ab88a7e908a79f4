package io.avrogate.registry.client;

/**
 * A registry answered with an error (HTTP status and Confluent error code, e.g. 404/40403), or could not be reached.
 * When no registry answered at all (every URL failed), {@link #status()} and {@link #errorCode()} are
 * {@link #UNREACHABLE}.
 */
public class RegistryClientException extends RuntimeException {
    /** The error code used when no registry answered at all (no Confluent code exists for that). */
    public static final int UNREACHABLE = -1;

    private final int status;
    private final int errorCode;
    private final boolean tlsRefused;

    public RegistryClientException(int status, int errorCode, String message) {
        super(message + (status > 0 ? "; error code: " + errorCode : ""));
        this.status = status;
        this.errorCode = errorCode;
        this.tlsRefused = false;
    }

    public RegistryClientException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private RegistryClientException(String message, Throwable cause, boolean tlsRefused) {
        super(message, cause);
        this.status = UNREACHABLE;
        this.errorCode = UNREACHABLE;
        this.tlsRefused = tlsRefused;
    }

    /** No registry could be reached because every TLS handshake failed on a certificate (ours or theirs). */
    static RegistryClientException tlsRefused(String message, Throwable cause) {
        return new RegistryClientException(message, cause, true);
    }

    /** The HTTP status, or -1 when no registry answered. */
    public int status() {
        return status;
    }

    /** Confluent's error code, e.g. 40401 (subject not found), 40403 (schema not found), 409 (incompatible). */
    public int errorCode() {
        return errorCode;
    }

    /**
     * The registry refused this client: its credentials (401), its rights (403), or, on TLS, its certificate or the
     * trust it was given for the registry's. Trying again with the same settings cannot help.
     */
    public boolean isRefused() {
        return status == 401 || status == 403 || tlsRefused;
    }

    public boolean isNotFound() {
        return status == 404;
    }

    /** Any 409 means "incompatible", whatever the error code (Confluent sends 409, some registries 40901). */
    public boolean isIncompatible() {
        return status == 409;
    }
}
