package io.avrogate.registry;

/**
 * An answer the registry gives instead of a result. It is made only by {@link RegistryError#exception}, so that
 * every status, error code and message the registry sends is one of {@link RegistryError}'s.
 */
public final class RegistryException extends RuntimeException {
    private final RegistryError error;

    RegistryException(RegistryError error, String message) {
        super(message);
        this.error = error;
    }

    public RegistryError error() {
        return error;
    }

    public int status() {
        return error.status();
    }

    /** Confluent's {@code error_code}. */
    public int errorCode() {
        return error.code();
    }
}
