package io.avrogate.consumer;

import io.avrogate.registry.client.RegistryClientException;

/**
 * What stops a {@link ConsumerRunner} whose schema registry refuses it: wrong or missing credentials (HTTP 401), no
 * right to read the schemas (403), or a certificate refused in the TLS handshake. Not a fault of any record, so none is dead-lettered; nothing past the last
 * handled record is committed, and the records are read again once the settings are fixed.
 */
public final class RegistryRefusedException extends RuntimeException {
    private final int status;

    RegistryRefusedException(RegistryClientException cause) {
        super("the schema registry refused the consumer: " + cause.getMessage() + switch (cause.status()) {
            case 401 -> " (check basic.auth.*, bearer.auth.*, schema.registry.ssl.*)";
            case 403 -> " (the principal may not read this topic's subjects)";
            default -> "";
        }, cause);
        this.status = cause.status();
    }

    /** 401 or 403; -1 when the TLS handshake was refused. */
    public int status() {
        return status;
    }
}
