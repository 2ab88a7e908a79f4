package io.avrogate.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avrogate.core.json.ConversionError;
import io.avrogate.server.AccessLog;
import io.avrogate.server.HttpServer;
import io.avrogate.server.ReadinessChecks;
import io.avrogate.server.ServerMetrics;
import io.avrogate.server.auth.AccessControl;
import io.avrogate.server.auth.Operation;
import io.avrogate.server.auth.Permission;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the ingest service (Javalin):
 * <ul>
 *   <li>{@code POST /topics/{topic}[?atomic=true]}: one JSON event, a JSON array, or NDJSON; answers each event's
 *       result (see {@link IngestOutcome#httpStatus()} for the status);</li>
 *   <li>{@code GET /topics/{topic}}: the subject, version and id events of the topic are converted to;</li>
 *   <li>{@code GET /health}; and server-common's {@code /health/live}, {@code /health/ready} (Kafka and the schema
 *       registry answer) and {@code /metrics} ({@code ingest_events_accepted_total},
 *       {@code ingest_events_rejected_total{reason=invalid|not_sent|failed}}, the producer's and admin client's
 *       Kafka metrics, JVM and HTTP).</li>
 * </ul>
 * Requests refused as a whole answer {@code {"error_code": ..., "message": ...}}: 400 malformed JSON or empty body,
 * 404 unknown topic or subject, 413 body too large, 415 unsupported media type, 503 registry or Kafka unavailable.
 * With access control, each route needs what {@link #permission(Context)} says.
 */
final class IngestHttp {
    private static final Logger log = LoggerFactory.getLogger(IngestHttp.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WRITTEN = "avrogate.ingest.written";

    private final IngestService service;
    private final IngestSettings settings;
    private final AccessControl access;
    private final Map<String, ?> configs;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    /** Set by {@link #create()}: the listener's meters. */
    private Counter acceptedCounter;
    private final Map<EventResult.Status, Counter> rejectedCounters = new EnumMap<>(EventResult.Status.class);
    private final List<ServerMetrics.Binding> clientMeters = new ArrayList<>();

    /** @param configs the service's client settings, whose addresses name the dependencies in readiness reasons */
    IngestHttp(IngestService service, IngestSettings settings, Map<String, ?> configs, AccessControl access) {
        this.service = service;
        this.settings = settings;
        this.configs = configs;
        this.access = access;
    }

    /**
     * What each route needs: writing events WRITE on the topic, describing a topic READ on it (a writer may read),
     * {@code GET /health} nothing (it is the service's probe, as on the registry). A route missing here needs ADMIN on
     * the service {@code ingest}: a new endpoint is closed until someone says who may use it.
     */
    static Permission permission(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        String route = endpoint == null ? "" : ctx.method().name() + " " + endpoint.path;
        return switch (route) {
            case "GET /health" -> Permission.PUBLIC;
            case "POST /topics/{topic}" -> Permission.topic(Operation.WRITE, ctx.pathParam("topic"));
            case "GET /topics/{topic}" -> Permission.topic(Operation.READ, ctx.pathParam("topic"));
            default -> Permission.service(Operation.ADMIN, "ingest");
        };
    }

    /** Builds (without starting) the listener on server-common, with the ingest routes and {@code /metrics}. */
    HttpServer create() {
        ServerMetrics serverMetrics = new ServerMetrics();
        HttpServer.Builder builder = HttpServer.builder("ingest", settings.server()).metrics(serverMetrics);
        // No service: the listener is built only to list its routes (the authorization test), never started.
        if (service != null && service.admin() != null) {
            builder.readiness("kafka", ReadinessChecks.kafka(service.admin(), String.valueOf(configs.get("bootstrap.servers"))));
        }
        if (service != null) builder.readiness("registry", ReadinessChecks.reachable("the schema registry at " + configs.get("schema.registry.url")
                + " (schema.registry.url)", ReadinessChecks.DEFAULT_REUSE, ReadinessChecks.DEFAULT_TIMEOUT,
                () -> service.registry().schemaTypes()));
        if (access != null) builder.accessControl(access, IngestHttp::permission);
        HttpServer server = builder.routes(cfg -> {
            cfg.routes.get("/health", ctx -> write(ctx, 200, JSON.createObjectNode().put("status", "UP")
                    .put("accepted", accepted.get()).put("rejected", rejected.get())));
            cfg.routes.get("/topics/{topic}", ctx -> {
                TopicSchema schema = service.schemaOf(ctx.pathParam("topic"));
                write(ctx, 200, describe(schema));
            });
            cfg.routes.post("/topics/{topic}", this::ingest);

            cfg.routes.exception(IngestException.class, (e, ctx) -> error(ctx, e.status(), e.errorCode(), e.getMessage()));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) ->
                    error(ctx, e.getStatus(), e.getStatus(), "HTTP " + e.getStatus() + " " + e.getMessage()));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                log.error("unexpected failure on {} {}", ctx.method(), AccessLog.safe(ctx.path()), e);
                error(ctx, 500, 50001, "internal error: " + e.getClass().getSimpleName());
            });
            cfg.routes.error(404, ctx -> {
                if (ctx.attribute(WRITTEN) == null) error(ctx, 404, 404, "HTTP 404 Not Found: use POST /topics/{topic}");
            });
            cfg.routes.error(405, ctx -> {
                if (ctx.attribute(WRITTEN) == null) error(ctx, 405, 405, "HTTP 405 Method Not Allowed");
            });
        }).build();
        MeterRegistry meters = serverMetrics.registry();
        acceptedCounter = Counter.builder("ingest.events.accepted")
                .description("Events converted and acknowledged by Kafka").register(meters);
        for (EventResult.Status status : EventResult.Status.values()) {
            if (status == EventResult.Status.OK) continue;
            rejectedCounters.put(status, Counter.builder("ingest.events.rejected")
                    .tag("reason", status.name().toLowerCase(Locale.ROOT))
                    .description("Events refused, by reason: invalid (does not fit the schema), not_sent (atomic batch"
                            + " with an invalid event), failed (Kafka or the serializer refused it)").register(meters));
        }
        if (service != null) {
            for (Object client : service.kafkaClients()) clientMeters.add(serverMetrics.bindKafkaClient(client));
        }
        return server;
    }

    /** Releases the metrics of the service's Kafka clients (before they close) and the listener's meters. */
    void closeMetrics(HttpServer server) {
        clientMeters.forEach(ServerMetrics.Binding::close);
        server.metrics().close();
    }

    private void ingest(Context ctx) {
        String topic = ctx.pathParam("topic");
        byte[] body = readBody(ctx);
        IngestBody.Parsed parsed = IngestBody.parse(body, ctx.header("Content-Type"));
        EventEnricher.Request request = new EventEnricher.Request(topic, Instant.now(), clientAddress(ctx),
                ctx.header("User-Agent"));
        boolean atomic = "true".equalsIgnoreCase(ctx.queryParam("atomic"));
        IngestOutcome outcome = service.ingest(topic, parsed.items(), request, atomic);

        accepted.addAndGet(outcome.count(EventResult.Status.OK));
        rejected.addAndGet(outcome.results().size() - outcome.count(EventResult.Status.OK));
        acceptedCounter.increment(outcome.count(EventResult.Status.OK));
        rejectedCounters.forEach((status, counter) -> counter.increment(outcome.count(status)));
        ObjectNode answer = describe(outcome.schema())
                .put("accepted", outcome.count(EventResult.Status.OK))
                .put("rejected", outcome.results().size() - outcome.count(EventResult.Status.OK));
        ArrayNode results = answer.putArray("results");
        for (EventResult result : outcome.results()) results.add(render(result));
        write(ctx, outcome.httpStatus(), answer);
    }

    /**
     * The body, already read in full by the listener (server-common refuses oversized, cut-short and too-slow bodies
     * before a route runs); the limit is checked again for bodies that declared no length.
     */
    private byte[] readBody(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length > settings.maxBodyBytes()) {
            throw new IngestException(413, 413, "request body larger than " + settings.maxBodyBytes() + " bytes; split the batch");
        }
        return body;
    }

    private String clientAddress(Context ctx) {
        if (settings.trustForwardedFor()) {
            String forwarded = ctx.header("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) return forwarded.split(",")[0].trim();
        }
        return ctx.req().getRemoteAddr();
    }

    private static ObjectNode describe(TopicSchema schema) {
        return JSON.createObjectNode().put("topic", schema.topic()).put("subject", schema.subject())
                .put("version", schema.version()).put("id", schema.id());
    }

    private static ObjectNode render(EventResult result) {
        ObjectNode node = JSON.createObjectNode().put("index", result.index());
        if (result.line() != null) node.put("line", result.line());
        node.put("status", result.status().name().toLowerCase(java.util.Locale.ROOT));
        if (result.partition() != null) node.put("partition", result.partition()).put("offset", result.offset());
        if (!result.errors().isEmpty()) {
            ArrayNode errors = node.putArray("errors");
            for (ConversionError error : result.errors()) {
                errors.add(JSON.createObjectNode().put("path", error.path()).put("reason", error.reason())
                        .put("message", error.toString()));
            }
        }
        if (result.failure() != null) node.put("failure", result.failure());
        return node;
    }

    private static void error(Context ctx, int status, int code, String message) {
        write(ctx, status, JSON.createObjectNode().put("error_code", code).put("message", message));
    }

    private static void write(Context ctx, int status, ObjectNode body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
            ctx.attribute(WRITTEN, true);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
