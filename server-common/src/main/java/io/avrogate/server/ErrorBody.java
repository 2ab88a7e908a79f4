package io.avrogate.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/**
 * The error shape every avrogate listener answers with, Confluent's: {@code {"error_code":40101,"message":"…"}}.
 * A client of a JSON API must be able to read every error it gets, whichever listener and layer produced it.
 */
public final class ErrorBody {
    /** Confluent's error-body media type; plain JSON clients accept it too. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ErrorBody() {}

    public static ObjectNode of(int errorCode, String message) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("error_code", errorCode);
        body.put("message", message);
        return body;
    }

    public static byte[] bytes(int errorCode, String message) {
        return of(errorCode, message).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Answers the request with this status and body; the handler should return right after. */
    public static void write(Context ctx, int status, int errorCode, String message) {
        ctx.status(status).contentType(CONTENT_TYPE).result(bytes(errorCode, message));
    }
}
