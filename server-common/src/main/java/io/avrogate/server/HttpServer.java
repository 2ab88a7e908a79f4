package io.avrogate.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.avrogate.server.auth.AccessControl;
import io.avrogate.server.auth.Operation;
import io.avrogate.server.auth.Permission;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way an avrogate service starts an HTTP listener (Javalin on Jetty): the configured {@code http://} and
 * {@code https://} listeners, the limits against slow and abusive clients, Confluent-style error bodies for what Jetty
 * answers itself, the access log and request metrics, {@code /metrics}, {@code /health/live} and
 * {@code /health/ready}, the access-control hook, and a graceful stop. The service adds its routes with
 * {@link Builder#routes}.
 */
public final class HttpServer implements AutoCloseable {
    public static final String METRICS_PATH = "/metrics";
    public static final String LIVE_PATH = "/health/live";
    public static final String READY_PATH = "/health/ready";
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Javalin app;
    private final ServerMetrics metrics;
    private final boolean ownsMetrics;
    private final List<URI> listeners;

    private HttpServer(String name, Javalin app, ServerMetrics metrics, boolean ownsMetrics, List<URI> listeners) {
        this.name = name;
        this.app = app;
        this.metrics = metrics;
        this.ownsMetrics = ownsMetrics;
        this.listeners = listeners;
    }

    /** @param name names the server's threads and log lines, e.g. "registry" */
    public static Builder builder(String name, ServerSettings settings) {
        return new Builder(name, settings);
    }

    public Javalin javalin() {
        return app;
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    /** The bound port of the first listener. */
    public int port() {
        return port(0);
    }

    public int port(int listener) {
        return ((ServerConnector) app.jettyServer().server().getConnectors()[listener]).getLocalPort();
    }

    /** The URL of each listener with its bound port; a wildcard host is given as {@code localhost}. */
    public List<String> urls() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < listeners.size(); i++) {
            URI listener = listeners.get(i);
            String host = isWildcard(listener.getHost()) ? "localhost" : listener.getHost();
            out.add(listener.getScheme() + "://" + host + ":" + port(i));
        }
        return out;
    }

    public boolean isServing() {
        return app.jettyServer().server().isStarted();
    }

    /** Stops accepting, lets requests in progress finish (up to the stop timeout), then closes. */
    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            if (ownsMetrics) metrics.close();
        }
    }

    public static final class Builder {
        private final String name;
        private final ServerSettings settings;
        private ServerMetrics metrics;
        private AccessControl accessControl;
        private Function<Context, Permission> routePermissions;
        private String accessLogger;
        private Duration stopTimeout = Duration.ofSeconds(10);
        private Supplier<String> extraMetrics = () -> "";
        private final Map<String, ReadinessCheck> readiness = new LinkedHashMap<>();
        private Consumer<JavalinConfig> routes = cfg -> {};

        private Builder(String name, ServerSettings settings) {
            this.name = name;
            this.settings = settings;
            this.accessLogger = "io.avrogate." + name + ".access";
        }

        /** Meters to serve (and record requests in); the caller closes them. Default: the server's own. */
        public Builder metrics(ServerMetrics serverMetrics) {
            this.metrics = serverMetrics;
            return this;
        }

        /** Prometheus text appended to {@code /metrics}, for series a service renders itself. */
        public Builder extraMetrics(Supplier<String> text) {
            this.extraMetrics = text;
            return this;
        }

        /**
         * Authentication and authorization for every route: {@code routePermissions} says what each of the service's
         * routes needs (it runs after routing, so path parameters are known). The shared endpoints need the same on
         * every listener: {@code /health/live} and {@code /health/ready} nothing (probes carry no credentials),
         * {@code /metrics} READ on the service {@code metrics}.
         */
        public Builder accessControl(AccessControl control, Function<Context, Permission> routePermissions) {
            this.accessControl = control;
            this.routePermissions = routePermissions;
            return this;
        }

        /** The logger of the access log; default {@code io.avrogate.<name>.access}. */
        public Builder accessLogger(String loggerName) {
            this.accessLogger = loggerName;
            return this;
        }

        public Builder readiness(String checkName, ReadinessCheck check) {
            readiness.put(checkName, check);
            return this;
        }

        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = timeout;
            return this;
        }

        /** The service's routes, filters and exception mappers, applied after the common ones. */
        public Builder routes(Consumer<JavalinConfig> serviceRoutes) {
            this.routes = serviceRoutes;
            return this;
        }

        /** Creates the server without starting it. */
        public HttpServer build() {
            boolean owns = metrics == null;
            ServerMetrics meters = owns ? new ServerMetrics() : metrics;
            AccessLog access = new AccessLog(accessLogger);
            ServerSettings.Limits limits = settings.limits();
            PerAddressConnectionLimit perAddress = limits.maxConnectionsPerAddress() > 0
                    ? new PerAddressConnectionLimit(limits.maxConnectionsPerAddress()) : null;
            Map<String, ReadinessCheck> checks = Map.copyOf(readiness);
            Javalin app = Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), Math.min(8, limits.maxThreads()), 60_000);
                threads.setName(name + "-http");
                cfg.jetty.threadPool = threads;
                cfg.http.maxRequestSize = limits.maxRequestBytes();
                cfg.http.prefer405over404 = true;
                // Answers are small JSON, and Javalin's per-response check whether to compress costs measurably on hot
                // paths (see BENCHMARKS.md); Confluent does not compress either.
                cfg.http.compressionStrategy = CompressionStrategy.NONE;
                cfg.jetty.modifyHttpConfiguration(http -> {
                    http.setRequestHeaderSize(limits.maxHeaderBytes());
                    http.setSendServerVersion(false);
                    http.setSendXPoweredBy(false);
                });
                for (URI listener : settings.listeners()) {
                    cfg.jetty.addConnector((server, http) -> connector(server, http, listener, perAddress));
                }
                cfg.jetty.modifyServer(server -> {
                    // Innermost first: bodies are read before the application runs; graceful stop wraps everything.
                    server.insertHandler(new BufferedBodyHandler(limits.maxRequestBytes(), limits.bodyTimeout().toMillis()));
                    server.insertHandler(new GracefulHandler());
                    server.setStopTimeout(stopTimeout.toMillis());
                    server.setErrorHandler(new JsonErrorHandler());
                    if (limits.maxConnections() > 0) server.addBean(new NetworkConnectionLimit(limits.maxConnections(), server));
                });
                cfg.requestLogger.http((ctx, ms) -> {
                    long nanos = (long) (ms * 1_000_000);
                    access.request(ctx.method().name(), ctx.path(), ctx.statusCode(), nanos);
                    meters.recordRequest(ctx.method().name(), route(ctx), ctx.statusCode(), nanos);
                });
                if (accessControl != null) {
                    Function<Context, Permission> serviceRoutes = routePermissions;
                    cfg.routes.beforeMatched(accessControl.handler(ctx -> switch (ctx.path()) {
                        case LIVE_PATH, READY_PATH -> Permission.PUBLIC;
                        case METRICS_PATH -> Permission.service(Operation.READ, "metrics");
                        default -> serviceRoutes.apply(ctx);
                    }));
                }
                Supplier<String> extra = extraMetrics;
                cfg.routes.get(METRICS_PATH, ctx -> ctx.status(200)
                        .contentType("text/plain; version=0.0.4; charset=utf-8").result(meters.scrape() + extra.get()));
                cfg.routes.get(LIVE_PATH, ctx -> json(ctx, 200, JSON.createObjectNode().put("status", "UP")));
                cfg.routes.get(READY_PATH, ctx -> ready(ctx, checks));
                routes.accept(cfg);
            });
            warnIfOpen();
            return new HttpServer(name, app, meters, owns, settings.listeners());
        }

        /** Builds and starts the server; a listener that cannot bind, or bad TLS material, fails here. */
        public HttpServer start() {
            HttpServer server = build();
            try {
                server.app.start();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            log.info("{} listening on {}", name, server.urls());
            return server;
        }

        private void warnIfOpen() {
            if (accessControl != null && !accessControl.open()) return;
            for (URI listener : settings.listeners()) {
                if (!isLoopback(listener.getHost())) {
                    log.warn("{} listens on {} without access control: anyone who can reach this address can use"
                            + " every endpoint. Bind to 127.0.0.1 or configure authentication.", name, listener);
                }
            }
        }

        private Connector connector(Server server, HttpConfiguration http, URI listener, PerAddressConnectionLimit perAddress) {
            ServerConnector connector;
            if (listener.getScheme().equals("https")) {
                HttpConfiguration https = new HttpConfiguration(http);
                SecureRequestCustomizer secure = new SecureRequestCustomizer();
                // Clients reach a service by many names (IP, localhost, a load balancer's); the certificate's names are
                // the client's business to check, not a reason for the server to refuse.
                secure.setSniHostCheck(false);
                https.addCustomizer(secure);
                connector = new ServerConnector(server, new SslConnectionFactory(sslContext(settings.tls()),
                        HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(https));
            } else {
                connector = new ServerConnector(server, new HttpConnectionFactory(http));
            }
            connector.setHost(listener.getHost());
            connector.setPort(listener.getPort());
            connector.setIdleTimeout(settings.limits().idleTimeout().toMillis());
            if (perAddress != null) connector.addBean(perAddress);
            return connector;
        }
    }

    static SslContextFactory.Server sslContext(ServerSettings.Tls tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(tls.keyStore());
        ssl.setKeyStorePassword(tls.keyStorePassword());
        ssl.setKeyStoreType(tls.keyStoreType());
        ssl.setKeyManagerPassword(tls.keyPassword());
        if (tls.trustStore() != null) {
            ssl.setTrustStorePath(tls.trustStore());
            ssl.setTrustStorePassword(tls.trustStorePassword());
            ssl.setTrustStoreType(tls.trustStoreType());
        }
        switch (tls.clientAuthentication()) {
            case REQUIRED -> ssl.setNeedClientAuth(true);
            case REQUESTED -> ssl.setWantClientAuth(true);
            case NONE -> { }
        }
        ssl.setIncludeProtocols(tls.protocols().toArray(String[]::new));
        return ssl;
    }

    private static void ready(Context ctx, Map<String, ReadinessCheck> checks) {
        boolean ready = true;
        ObjectNode body = JSON.createObjectNode();
        ObjectNode results = JSON.createObjectNode();
        for (Map.Entry<String, ReadinessCheck> check : checks.entrySet()) {
            ReadinessCheck.Result result;
            try {
                result = check.getValue().check();
            } catch (RuntimeException e) {
                result = ReadinessCheck.Result.notReady(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            ready &= result.ready();
            ObjectNode node = results.putObject(check.getKey()).put("status", result.ready() ? "UP" : "DOWN");
            if (result.reason() != null) node.put("reason", result.reason());
        }
        body.put("status", ready ? "UP" : "DOWN");
        body.set("checks", results);
        json(ctx, ready ? 200 : 503, body);
    }

    private static void json(Context ctx, int status, ObjectNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    /** The matched route template, so metrics have one series per endpoint whatever paths clients send. */
    public static String route(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoint();
            if (endpoint != null && endpoint.path != null && !endpoint.path.equals("*")) return endpoint.path;
        } catch (RuntimeException e) {
            // no endpoint matched
        }
        return "unmatched";
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("[::]") || host.equals("::");
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
