package io.avrogate.server.auth;

import ch.qos.logback.classic.Level;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * A small real HTTP server with the access-control handler installed, shaped like the registry (subjects, config,
 * schema ids) plus {@code /whoami} and a public {@code /health}; and a client for it.
 */
final class TestApp implements AutoCloseable {
    static {
        // No logback-test.xml of our own (the module's is shared): keep Jetty's debug output out of the reports.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.avrogate")).setLevel(Level.INFO);
    }

    static final List<String> SUBJECTS = List.of("orders-value", "orders-key", "payments-value", "public-x");
    static final Map<Integer, List<String>> SUBJECTS_OF_ID = Map.of(1, List.of("orders-value"),
            2, List.of("payments-value"), 3, List.of("public-x", "payments-value"));

    final Javalin app;
    final AccessControl access;
    private final HttpClient client;
    private final String scheme;

    private TestApp(AccessControl access, Consumer<JavalinConfig> extra, HttpClient client, String scheme) {
        this.access = access;
        this.client = client;
        this.scheme = scheme;
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = 0;
            cfg.routes.beforeMatched(access.handler(TestApp::permission));
            cfg.routes.get("/health", ctx -> ctx.result("UP"));
            cfg.routes.get("/whoami", ctx -> {
                Principal p = AccessControl.principal(ctx);
                ctx.result(p.name() + " " + p.roles());
            });
            cfg.routes.get("/subjects", ctx -> ctx.json(SUBJECTS.stream().filter(access.readableSubjects(ctx)).toList()));
            cfg.routes.get("/subjects/{subject}/versions", ctx -> ctx.result("[1]"));
            cfg.routes.post("/subjects/{subject}/versions", ctx -> ctx.result("{\"id\":1}"));
            cfg.routes.delete("/subjects/{subject}", ctx -> ctx.result("[1]"));
            cfg.routes.get("/config", ctx -> ctx.result("{}"));
            cfg.routes.put("/config", ctx -> ctx.result("{}"));
            cfg.routes.put("/config/{subject}", ctx -> ctx.result("{}"));
            cfg.routes.get("/schemas/ids/{id}", ctx -> ctx.result("{}"));
            extra.accept(cfg);
        }).start();
    }

    static TestApp start(AccessControl access) {
        return new TestApp(access, cfg -> {}, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), "http");
    }

    static TestApp start(AccessControl access, Consumer<JavalinConfig> extra, HttpClient client, String scheme) {
        return new TestApp(access, extra, client, scheme);
    }

    /** The test's route table: what a registry-like service would compute per route. */
    static Permission permission(Context ctx) {
        String path = ctx.endpoints().matchedHttpEndpoint().path;
        String method = ctx.method().name();
        return switch (method + " " + path) {
            case "GET /health" -> Permission.PUBLIC;
            case "GET /whoami", "GET /subjects" -> Permission.AUTHENTICATED;
            case "GET /subjects/{subject}/versions" -> Permission.subject(Operation.READ, ctx.pathParam("subject"));
            case "POST /subjects/{subject}/versions" -> Permission.subject(Operation.WRITE, ctx.pathParam("subject"));
            case "DELETE /subjects/{subject}" -> Permission.subject("true".equals(ctx.queryParam("permanent"))
                    ? Operation.ADMIN : Operation.WRITE, ctx.pathParam("subject"));
            case "GET /config" -> Permission.global(Operation.READ);
            case "PUT /config" -> Permission.global(Operation.ADMIN);
            case "PUT /config/{subject}" -> Permission.subject(Operation.ADMIN, ctx.pathParam("subject"));
            case "GET /schemas/ids/{id}" -> Permission.schemaId(Integer.parseInt(ctx.pathParam("id")));
            default -> throw new IllegalStateException("no permission for " + method + " " + path);
        };
    }

    static AccessControl accessControl(Map<String, Object> settings) {
        return AccessControl.create(new AuthConfig(settings),
                id -> SUBJECTS_OF_ID.getOrDefault(id, List.of()));
    }

    int port() {
        return app.port();
    }

    record Response(int status, String body, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    Response send(String method, String path, String authorization) {
        return send(method, path, authorization, port());
    }

    Response send(String method, String path, String authorization, int port) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(scheme + "://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{\"schema\":\"\\\"string\\\"\"}"));
        if (authorization != null) request.header("Authorization", authorization);
        try {
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A raw HTTP/1.1 request from a chosen local address (any 127.x.y.z is loopback on Linux), with header bytes
     * exactly as given; returns the status code.
     */
    int rawStatus(String localAddress, String path, byte[] authorizationValue) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n").getBytes(StandardCharsets.US_ASCII));
            if (authorizationValue != null) {
                out.write("Authorization: ".getBytes(StandardCharsets.US_ASCII));
                out.write(authorizationValue);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    static String basic(String user, String password) {
        return TestUsers.basic(user, password);
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static Path credentials(Path file, Map<String, List<String>> usersAndRoles) throws IOException {
        return TestUsers.credentials(file, usersAndRoles);
    }

    static String passwordOf(String user) {
        return TestUsers.passwordOf(user);
    }

    static Map<String, Object> settings(Object... keyValues) {
        Map<String, Object> out = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) out.put((String) keyValues[i], keyValues[i + 1]);
        return out;
    }

    @Override
    public void close() {
        app.stop();
        access.close();
    }
}
