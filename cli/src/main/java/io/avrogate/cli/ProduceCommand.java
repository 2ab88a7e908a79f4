package io.avrogate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.avrogate.ingest.EventEnricher;
import io.avrogate.ingest.IngestException;
import io.avrogate.ingest.IngestService;
import io.avrogate.ingest.IngestSettings;
import io.avrogate.ingest.TopicSchema;
import io.avrogate.core.json.ConversionError;
import io.avrogate.core.json.JsonToAvro;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code avrogate produce --topic T --file events.ndjson}: converts each line to the topic's latest value schema and
 * produces the valid ones, then prints a summary. Exit 0 when every event was written; 1 when any event was rejected
 * or not written (the summary says which and why), unless {@code --allow-rejected}; 2 on a usage error.
 */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = {"Produces the events of an NDJSON file (one JSON event per line) to a topic, each converted to the"
                + " topic's latest value schema (<topic>-value); invalid events are reported with the field and the reason.",
                "Exit status: 0 all written; 1 some rejected or not written (or --allow-rejected to accept that); 2 usage."})
final class ProduceCommand implements Callable<Integer> {
    /** Values quoted in reasons differ per event; grouping ignores them. */
    private static final Pattern GOT_VALUE = Pattern.compile("got .*$");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    /** The process environment; replaced in tests. */
    Map<String, String> environment = System.getenv();

    @Option(names = "--topic", required = true, description = "Topic to produce to; its schema is the latest version of <topic>-value.")
    String topic;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "NDJSON file, one event per line ('-' for stdin).")
    Path file;

    @Option(names = "--allow-rejected", description = "Exit 0 even when some events were rejected (they are still reported).")
    boolean allowRejected;

    @Option(names = "--no-capture-metadata", negatable = true, defaultValue = "true",
            description = "Put the read time into the event's metadata record (received_at), where the schema has one (default: on).")
    boolean captureMetadata;

    @Mixin
    JsonConversionOptions jsonConversion;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, Group> rejectedGroups = new ConcurrentHashMap<>();
    private final Map<String, Group> failedGroups = new ConcurrentHashMap<>();

    /** Events rejected or failed for one reason: how many, and the first few line numbers. */
    private static final class Group {
        final AtomicLong count = new AtomicLong();
        final List<Long> lines = new ArrayList<>();

        synchronized void add(long line) {
            count.incrementAndGet();
            if (lines.size() < 5) lines.add(line);
        }
    }

    @Override
    public Integer call() throws Exception {
        boolean stdin = file.toString().equals("-");
        if (!stdin && !Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--file " + file + ": no such file");
        }
        Map<String, Object> configs = connection.configsWithRegistry(spec.commandLine(), environment, true, Map.of());
        KafkaProbe.require(configs, "--bootstrap-servers");
        RegistryProbe.require(configs);
        IngestSettings settings = IngestSettings.defaults()
                .withConverter(jsonConversion.toOptions())
                .withEnrichers(captureMetadata, List.of());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long rejected = 0;
        long lines = 0;
        long start = System.nanoTime();
        TopicSchema schema;
        try (IngestService service = IngestService.create(settings, configs)) {
            try {
                schema = service.schemaOf(topic);
            } catch (IngestException e) {
                err.println("avrogate: " + e.getMessage());
                return 1;
            }
            long size = stdin ? 0 : Files.size(file);
            Progress progress = new Progress(err, Progress.isTerminal(), "produce " + topic, size, "records");
            try (InputStream raw = stdin ? System.in : Files.newInputStream(file);
                 CountingStream counted = new CountingStream(raw);
                 BufferedReader reader = new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    lines++;
                    if (line.isBlank()) continue;
                    long lineNumber = lines;
                    List<ConversionError> errors = produce(service, schema, line, lineNumber);
                    if (!errors.isEmpty()) {
                        rejected++;
                        for (ConversionError error : errors) group(rejectedGroups, reasonKey(error)).add(lineNumber);
                    }
                    progress.update(counted.count(), sent.get() + rejected);
                }
                service.flush();
                progress.finish(counted.count(), sent.get() + rejected);
            }
        } catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--file " + file + ": no such file");
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        printSummary(out, schema, rejected, seconds);
        out.flush();
        boolean clean = rejected == 0 && failed.get() == 0;
        return clean || (allowRejected && failed.get() == 0) ? 0 : 1;
    }

    /** Converts and hands one line to Kafka; answers the conversion errors (empty when sent). */
    private List<ConversionError> produce(IngestService service, TopicSchema schema, String line, long lineNumber) {
        JsonNode json;
        try {
            json = JsonToAvro.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return List.of(new ConversionError("/", "malformed JSON: " + e.getOriginalMessage()));
        }
        IngestService.Conversion conversion = service.convert(schema, json,
                new EventEnricher.Request(topic, Instant.now(), null, "avrogate produce"));
        if (!conversion.valid()) return conversion.errors();
        service.send(topic, conversion.record()).whenComplete((metadata, error) -> {
            if (error == null) {
                sent.incrementAndGet();
            } else {
                failed.incrementAndGet();
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                group(failedGroups, String.valueOf(cause.getMessage())).add(lineNumber);
            }
        });
        return List.of();
    }

    private static Group group(Map<String, Group> groups, String key) {
        return groups.computeIfAbsent(key, k -> new Group());
    }

    /** A reason without the event's own value, so that events failing the same way group together. */
    static String reasonKey(ConversionError error) {
        String reason = error.reason();
        if (reason.startsWith("malformed JSON")) reason = "malformed JSON";
        return error.path() + ": " + GOT_VALUE.matcher(reason).replaceFirst("got ...");
    }

    private void printSummary(PrintWriter out, TopicSchema schema, long rejected, double seconds) {
        out.printf(Locale.ROOT, "sent %,d records to %s (subject %s version %d, schema id %d) in %.1f s: %,.0f records/s%n",
                sent.get(), topic, schema.subject(), schema.version(), schema.id(), seconds, sent.get() / seconds);
        if (rejected > 0) {
            out.printf(Locale.ROOT, "rejected %,d events that do not fit the schema:%n", rejected);
            printGroups(out, rejectedGroups);
        }
        if (failed.get() > 0) {
            out.printf(Locale.ROOT, "not written %,d valid events (Kafka or the serializer refused them):%n", failed.get());
            printGroups(out, failedGroups);
        }
    }

    private static void printGroups(PrintWriter out, Map<String, Group> groups) {
        List<Map.Entry<String, Group>> sorted = new ArrayList<>(groups.entrySet());
        sorted.sort(Comparator.comparingLong((Map.Entry<String, Group> e) -> -e.getValue().count.get()).thenComparing(Map.Entry::getKey));
        int shown = 0;
        for (Map.Entry<String, Group> entry : sorted) {
            if (shown++ == 20) {
                out.printf(Locale.ROOT, "  ... and %d more reasons%n", sorted.size() - 20);
                break;
            }
            Group group = entry.getValue();
            out.printf(Locale.ROOT, "  %,6d x %s (line%s %s%s)%n", group.count.get(), entry.getKey(),
                    group.lines.size() > 1 ? "s" : "", group.lines.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse(""),
                    group.count.get() > group.lines.size() ? ", ..." : "");
        }
    }

    /** Counts the bytes read, for progress against the file size. */
    private static final class CountingStream extends java.io.FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) count += n;
            return n;
        }
    }
}
