package io.avrogate.server;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers itself, before any route runs (a malformed request line or percent-encoding, headers too
 * large, an unparsable Content-Length, a malformed chunk), in Confluent's JSON error shape instead of Jetty's HTML
 * page, for every method: a client of a JSON API must be able to read every error it gets.
 */
final class JsonErrorHandler extends ErrorHandler {

    JsonErrorHandler() {
        // The cause goes to the client only as a status; a stack trace per bad request helps nobody.
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ErrorBody.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, ErrorBody.CONTENT_TYPE);
        return ByteBuffer.wrap(body(status, reason));
    }

    static byte[] body(int code, String message) {
        String reason = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
        return ErrorBody.bytes(code, "HTTP " + code + " " + reason);
    }
}
