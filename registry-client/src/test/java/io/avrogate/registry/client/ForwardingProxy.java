package io.avrogate.registry.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A small HTTP(S) server in front of the real registry that forwards every request and records what it saw, so tests
 * can count the client's requests and check its headers. It can also answer the next N requests itself with a given
 * status and body (to simulate an overloaded or failing registry).
 */
final class ForwardingProxy implements AutoCloseable {
    /** One request as the proxy received it. */
    record Seen(String method, String uri, Map<String, List<String>> headers) {
        String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) return e.getValue().isEmpty() ? null : e.getValue().get(0);
            }
            return null;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final String target;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus;
    private volatile String failureBody;

    private ForwardingProxy(HttpServer server, String target) {
        this.server = server;
        this.target = target;
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** A plain HTTP proxy on a free port (port 0) or the given one. */
    static ForwardingProxy http(String target, int port) throws IOException {
        return new ForwardingProxy(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0), target);
    }

    static ForwardingProxy http(String target) throws IOException {
        return http(target, 0);
    }

    /** An HTTPS proxy; with {@code needClientAuth} it accepts only clients presenting a certificate it trusts. */
    static ForwardingProxy https(String target, SSLContext ssl, boolean needClientAuth) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                parameters.setNeedClientAuth(needClientAuth);
                params.setSSLParameters(parameters);
            }
        });
        return new ForwardingProxy(server, target);
    }

    String url() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://localhost:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The next {@code count} requests are answered with this status and body instead of being forwarded. */
    void failNext(int count, int status, String body) {
        failureStatus = status;
        failureBody = body;
        failuresLeft.set(count);
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    int count() {
        return seen.size();
    }

    void reset() {
        seen.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders())));
            if (failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                respond(exchange, failureStatus, "text/html", failureBody.getBytes(StandardCharsets.UTF_8));
                return;
            }
            // Used as an HTTP proxy, the request line carries the absolute URL: forward its path and query.
            URI asked = exchange.getRequestURI();
            String pathAndQuery = asked.getRawPath() + (asked.getRawQuery() == null ? "" : "?" + asked.getRawQuery());
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + pathAndQuery))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null) forward.header("Content-Type", contentType);
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            if (accept != null) forward.header("Accept", accept);
            HttpResponse<byte[]> answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            respond(exchange, answer.statusCode(), answer.headers().firstValue("Content-Type").orElse("application/json"),
                    answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
