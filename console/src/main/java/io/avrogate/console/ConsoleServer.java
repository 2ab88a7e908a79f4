package io.avrogate.console;

import io.avrogate.registry.client.RegistryClientException;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import io.avrogate.server.AccessLog;
import io.avrogate.server.HttpServer;
import io.avrogate.server.ServerSettings;
import io.avrogate.server.auth.AccessControl;
import io.avrogate.server.auth.AuthConfig;
import io.avrogate.server.auth.Operation;
import io.avrogate.server.auth.Permission;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console: server-rendered pages over the registry's REST API (our registry client), Kafka (dead-letter
 * topics) and the bridges' {@code /health}, on server-common's listener (TLS, limits, metrics, health, access
 * control). Every page is read-only.
 *
 * <p>Access control is the console's own, with server-common's settings and files: a page about a subject needs READ
 * on it, lists show only what the principal may read, a dead-letter topic needs READ on the topic, migrations READ on
 * the service {@code bridge}. The console reads the registry and Kafka with its own credentials (the registry
 * client's and Kafka client's settings), so give it an ACL at least as strict as theirs.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConsoleServer.class);
    /**
     * The prefix of the console's own settings: its listener and auth settings are server-common's names behind it
     * ({@code console.listeners}, {@code console.ssl.keystore.location}, {@code console.authentication.method}, ...),
     * so that they never mix with the Kafka and registry clients' settings of the same names.
     */
    public static final String PREFIX = "console.";
    /** Comma-separated base URLs of running bridges, whose {@code /health} the migrations page shows. */
    public static final String BRIDGE_URLS = PREFIX + "bridge.urls";
    /** Dead-letter topics whose names do not end in one of {@link DeadLetterTopics#SUFFIXES}, comma-separated. */
    public static final String DLQ_TOPICS = PREFIX + "dlq.topics";
    public static final String DEFAULT_LISTENER = "http://127.0.0.1:8090";
    private static final long MAX_REQUEST_BYTES = 1024 * 1024;
    private static final String CSS = css();

    private final HttpServer http;
    private final SchemaRegistryClient registry;
    private final DeadLetterTopics deadLetters;
    private final AccessControl access;

    private ConsoleServer(HttpServer http, SchemaRegistryClient registry, DeadLetterTopics deadLetters, AccessControl access) {
        this.http = http;
        this.registry = registry;
        this.deadLetters = deadLetters;
        this.access = access;
    }

    /**
     * Starts the console.
     *
     * @param props the registry client's settings ({@code schema.registry.url}, ...), Kafka's ({@code bootstrap.servers},
     *              ...), and the console's behind {@link #PREFIX}: server-common's listener and auth settings,
     *              {@link #BRIDGE_URLS}, {@link #DLQ_TOPICS}
     */
    public static ConsoleServer start(Map<String, ?> props) {
        Map<String, Object> own = new HashMap<>();
        Map<String, Object> clients = new HashMap<>();
        props.forEach((k, v) -> {
            if (k.startsWith(PREFIX)) own.put(k.substring(PREFIX.length()), v);
            else clients.put(k, v);
        });
        SchemaRegistryClient registry = SchemaRegistryClients.create(clients);
        AccessControl access = AccessControl.create(new AuthConfig(authSettings(own)), id -> registry.versionsOfId(id)
                .stream().map(SchemaRegistryClient.SubjectVersionRef::subject).toList());
        DeadLetterTopics deadLetters = null;
        try {
            deadLetters = new DeadLetterTopics(kafkaSettings(clients), list(props.get(DLQ_TOPICS)), registry);
            SubjectCatalog catalog = new SubjectCatalog(registry);
            SubjectPages subjects = new SubjectPages(catalog, access);
            ChangePages changes = new ChangePages(catalog);
            OperationsPages operations = new OperationsPages(new BridgeStatuses(List.copyOf(list(props.get(BRIDGE_URLS)))),
                    deadLetters, access);
            HttpServer http = HttpServer.builder("console", ServerSettings.parse(own, DEFAULT_LISTENER, MAX_REQUEST_BYTES))
                    .accessControl(access, ConsoleServer::permission)
                    .routes(cfg -> {
                        cfg.routes.get("/", ctx -> ctx.redirect("/subjects"));
                        cfg.routes.get("/assets/console.css", ctx -> ctx.contentType("text/css; charset=utf-8").result(CSS));
                        cfg.routes.get("/subjects", subjects::list);
                        cfg.routes.get("/ids", subjects::id);
                        cfg.routes.get("/subjects/{subject}", subjects::subject);
                        cfg.routes.get("/subjects/{subject}/diff", changes::diff);
                        cfg.routes.get("/subjects/{subject}/try", changes::tryChange);
                        cfg.routes.post("/subjects/{subject}/try", changes::tryChange);
                        cfg.routes.get("/migrations", operations::migrations);
                        cfg.routes.get("/dead-letters", operations::deadLetterTopics);
                        cfg.routes.get("/dead-letters/{topic}", operations::deadLetterTopic);
                        cfg.routes.exception(RegistryClientException.class, (e, ctx) -> failure(ctx,
                                e.status() == 404 ? 404 : 502, e.status() == 404 ? "Not found" : "The registry did not answer",
                                e.getMessage()));
                        cfg.routes.exception(Exception.class, (e, ctx) -> {
                            log.error("console page {} failed", AccessLog.safe(ctx.path()), e);
                            failure(ctx, 500, "Something went wrong", e.getClass().getSimpleName() + ": " + e.getMessage());
                        });
                    })
                    .start();
            return new ConsoleServer(http, registry, deadLetters, access);
        } catch (RuntimeException e) {
            if (deadLetters != null) deadLetters.close();
            access.close();
            registry.close();
            throw e;
        }
    }

    /** What each route needs; pages that list things need a principal and show only what it may read. */
    static Permission permission(Context ctx) {
        String path = ctx.path();
        if (path.equals("/assets/console.css")) return Permission.PUBLIC;
        String subject = ctx.pathParamMap().get("subject");
        if (subject != null) return Permission.subject(Operation.READ, subject);
        String topic = ctx.pathParamMap().get("topic");
        if (topic != null) return Permission.topic(Operation.READ, topic);
        if (path.equals("/migrations")) return Permission.service(Operation.READ, "bridge");
        return Permission.AUTHENTICATED;
    }

    private static void failure(Context ctx, int status, String title, String detail) {
        ctx.status(status);
        SubjectPages.html(ctx, title, "", "<p class=\"bad\">" + Html.text(detail) + "</p><p><a href=\"/subjects\">Subjects</a></p>");
    }

    /** The base URL of the first listener, e.g. {@code http://127.0.0.1:8090}. */
    public String url() {
        return http.urls().get(0).replace("://localhost:", "://127.0.0.1:");
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        try {
            http.close();
        } finally {
            deadLetters.close();
            access.close();
            registry.close();
        }
    }

    private static Map<String, Object> authSettings(Map<String, Object> props) {
        Map<String, Object> out = new HashMap<>();
        for (String key : AuthConfig.CONFIG_DEF.names()) if (props.containsKey(key)) out.put(key, props.get(key));
        return out;
    }

    /** Kafka client settings: the clients' settings without the registry client's (Kafka would log them as unknown). */
    private static Map<String, Object> kafkaSettings(Map<String, Object> clients) {
        Map<String, Object> out = new HashMap<>();
        clients.forEach((k, v) -> {
            if (!k.startsWith("schema.registry.") && !k.startsWith("basic.auth.") && !k.startsWith("bearer.auth.")) out.put(k, v);
        });
        return out;
    }

    private static Set<String> list(Object value) {
        if (value == null) return Set.of();
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(value.toString().split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }

    private static String css() {
        try (InputStream in = ConsoleServer.class.getResourceAsStream("console.css")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
