package io.avrogate.producer;

/**
 * A record was not written: the serializer refused it (e.g. its schema is not registered, or the value does not fit
 * the schema), or the broker did not acknowledge it. The cause is Kafka's or the serializer's exception.
 */
public class ProduceException extends RuntimeException {
    public ProduceException(String message, Throwable cause) {
        super(message, cause);
    }
}
