package io.avrogate.server;

import io.javalin.http.Context;

/**
 * The hook where authentication and authorization plug into every listener. {@link HttpServer} runs it before every
 * route except {@code /health/live} (a liveness probe must answer whatever the credentials). To refuse a request, it
 * answers it (e.g. {@link ErrorBody#write} with 401 or 403) and calls {@link Context#skipRemainingHandlers()}, or
 * throws an exception the service maps to an answer. When it returns normally the request proceeds.
 */
@FunctionalInterface
public interface AccessControl {
    void check(Context ctx) throws Exception;
}
