package io.avrogate.registry.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.avrogate.registry.RegistryError;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Content negotiation as Confluent's Jersey resources do it: requests may carry any of the three JSON media types or
 * application/octet-stream (or none); responses prefer application/vnd.schemaregistry.v1+json, then
 * application/vnd.schemaregistry+json, then application/json, among what the Accept header allows.
 */
final class Responses {
    static final String V1 = "application/vnd.schemaregistry.v1+json";
    static final String DEFAULT = "application/vnd.schemaregistry+json";
    static final String JSON = "application/json";
    private static final String CHOSEN = "avrogate.response.type";
    private static final String WRITTEN = "avrogate.response.written";

    private Responses() {}

    /** Null when the request is acceptable; otherwise the status to refuse it with (406 or 415). */
    static int negotiate(Context ctx) {
        String contentType = ctx.header("Content-Type");
        if (contentType != null && !contentType.isBlank()) {
            String type = mediaType(contentType);
            if (!type.equals(V1) && !type.equals(DEFAULT) && !type.equals(JSON) && !type.equals("application/octet-stream")
                    && ctx.bodyAsBytes().length > 0) {
                return 415;
            }
        }
        String accept = ctx.header("Accept");
        String chosen = V1;
        if (accept != null && !accept.isBlank()) {
            chosen = null;
            boolean v1 = false, def = false, json = false;
            for (String part : accept.split(",")) {
                String type = mediaType(part);
                if (type.equals("*/*") || type.equals("application/*") || type.equals(V1)) v1 = true;
                if (type.equals(DEFAULT)) def = true;
                if (type.equals(JSON)) json = true;
            }
            if (v1) chosen = V1;
            else if (def) chosen = DEFAULT;
            else if (json) chosen = JSON;
            if (chosen == null) return 406;
        }
        ctx.attribute(CHOSEN, chosen);
        return 0;
    }

    static void json(Context ctx, int status, JsonNode body) {
        try {
            write(ctx, status, Json.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A body already rendered as JSON bytes. */
    static void bytes(Context ctx, int status, byte[] body) {
        write(ctx, status, body);
    }

    /** The raw-schema endpoints answer with the schema itself (an Avro schema is JSON). */
    static void rawSchema(Context ctx, String schema) {
        write(ctx, 200, schema.getBytes(StandardCharsets.UTF_8));
    }

    static void error(Context ctx, int status, int code, String message) {
        json(ctx, status, Json.error(code, message));
    }

    static void error(Context ctx, RegistryError error, Object... args) {
        error(ctx, error.status(), error.code(), error.message(args));
    }

    /** For 406 Confluent sends the error body without a Content-Type header. */
    static void errorWithoutContentType(Context ctx, int status, String message) {
        ctx.status(status);
        ctx.res().setContentType(null);
        try {
            ctx.result(Json.MAPPER.writeValueAsBytes(Json.error(status, message)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ctx.attribute(WRITTEN, true);
    }

    static boolean written(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(WRITTEN));
    }

    private static void write(Context ctx, int status, byte[] body) {
        String type = ctx.attribute(CHOSEN);
        ctx.status(status);
        ctx.contentType(type == null ? V1 : type);
        ctx.result(body);
        ctx.attribute(WRITTEN, true);
    }

    private static String mediaType(String header) {
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
