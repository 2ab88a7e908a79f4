package io.avrogate.ingest;

/**
 * A request the ingest service refuses as a whole, with the HTTP status and an error code in the shape Confluent's
 * services use ({@code {"error_code": 40401, "message": "..."}}).
 */
public class IngestException extends RuntimeException {
    private final int status;
    private final int errorCode;

    public IngestException(int status, int errorCode, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
    }

    public IngestException(int status, String message) {
        this(status, status, message);
    }

    public int status() {
        return status;
    }

    public int errorCode() {
        return errorCode;
    }
}
