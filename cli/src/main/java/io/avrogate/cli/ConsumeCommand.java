package io.avrogate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avrogate.consumer.ConsumerRunner;
import io.avrogate.consumer.ConsumerRunnerBuilder;
import io.avrogate.consumer.ConsumerRunnerConfig;
import io.avrogate.consumer.DeadLetterSink;
import io.avrogate.consumer.FailedRecord;
import io.avrogate.serde.AvroDeserializer;
import io.avrogate.serde.AvroSerdeConfig;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code avrogate consume --topic T}: prints a topic's records as JSON lines, one per record, with the value (and an
 * Avro key) deserialized through the schema registry. Runs on {@link ConsumerRunner}, so a record that cannot be
 * deserialized is reported (or sent to a dead-letter topic) and the rest keep coming.
 */
@Command(name = "consume", mixinStandardHelpOptions = true,
        description = "Prints the records of a topic as JSON lines ({topic, partition, offset, timestamp, key, value,"
                + " headers}),"
                + " deserializing Avro through the schema registry, until Ctrl-C or --max records.")
final class ConsumeCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic to read.")
    String topic;

    @Option(names = "--group", paramLabel = "GROUP",
            description = "Consumer group: resumes where the group left off and commits what was printed."
                    + " Default: a new group for this run.")
    String group;

    @Option(names = "--from-beginning",
            description = "Start at the earliest record when the group has no committed offset (default: only new records).")
    boolean fromBeginning;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--max", paramLabel = "N", description = "Stop after printing N records.")
    Long max;

    @Option(names = "--dead-letter-topic", paramLabel = "TOPIC",
            description = "Send records that cannot be deserialized there (default: report them on stderr and go on).")
    String deadLetterTopic;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Serve /metrics, /health/live and /health/ready on this port (0 = any free port)."
                    + " Default: no listener.")
    Integer httpPort;

    @Option(names = "--http-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address of the --http-port listener (default: ${DEFAULT-VALUE}; 0.0.0.0 for all interfaces).")
    String httpHost;

    @Option(names = "--server-config", paramLabel = "FILE",
            description = "Settings of the --http-port listener, a properties file: listeners (https://...), ssl.keystore.*,"
                    + " authentication.method, avrogate.authentication.credentials.file, avrogate.authorization.acl.file."
                    + " Apart from --config because Kafka clients read ssl.* names of their own.")
    java.nio.file.Path serverConfig;

    /** The process environment; replaced in tests. */
    Map<String, String> environment = System.getenv();

    /** Where Kafka and the registry are when nothing says: the ports {@code avrogate up} uses. */
    static final Map<String, String> DEFAULTS = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092",
            AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://localhost:8081");

    @Override
    public Integer call() throws Exception {
        if (max != null && max <= 0) throw new CommandLine.ParameterException(spec.commandLine(), "--max must be positive");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String groupId = group != null ? group : "avrogate-consume-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> config = connection.configs(spec.commandLine(), environment, false, DEFAULTS);
        String bootstrapServers = String.valueOf(config.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
        KafkaProbe.require(config, "--bootstrap-servers");
        checkTopicExists(config);
        RegistryProbe.require(config);

        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerRunnerConfig.TOPICS, topic);
        config.put(ConsumerRunnerConfig.START_POSITION, fromBeginning ? "earliest" : "latest");
        config.put(ConsumerRunnerConfig.HANDLER_MAX_ATTEMPTS, 1);
        if (deadLetterTopic != null) config.put(ConsumerRunnerConfig.DEAD_LETTER_TOPIC, deadLetterTopic);
        config.put(AvroSerdeConfig.AVRO_USE_LOGICAL_TYPE_CONVERTERS, true);

        KeyDeserializer keys = new KeyDeserializer();
        keys.configure(config, true);
        AvroDeserializer<Object> values = new AvroDeserializer<>();
        values.configure(config, false);
        AtomicLong printed = new AtomicLong();
        ConsumerRunnerBuilder<Object, Object> builder = ConsumerRunner.builder(config);
        builder.keyDeserializer(keys).valueDeserializer(values);
        ConsumerRunner<Object, Object>[] self = new ConsumerRunner[1];
        builder.handler((record, ack) -> {
            out.println(line(record));
            out.flush();
            // The line is out: the record is done. Sync mode needs no call, but with -p ack.mode=async the runner
            // waits for one, and without it stalled at max.in.flight.records with nothing committed.
            ack.acknowledge();
            if (max != null && printed.incrementAndGet() >= max) self[0].stop();
        });
        if (deadLetterTopic == null) builder.deadLetterSink(new ConsoleReport(err));
        Map<String, Object> listenerSettings = serverConfigs();
        ConsumerEndpoints endpoints = httpPort == null ? null : new ConsumerEndpoints(config);
        if (endpoints != null) builder.meterRegistry(endpoints.meters()).kafkaClientMetrics(true);
        ConsumerRunner<Object, Object> runner = builder.build();
        self[0] = runner;
        if (endpoints != null) {
            try {
                endpoints.start(httpHost, httpPort, runner::isRunning, listenerSettings);
            } catch (RuntimeException e) {
                endpoints.close();
                runner.close();
                throw new IllegalStateException("cannot serve /metrics on " + httpHost + ":" + httpPort + " (--http-port):"
                        + " " + e.getMessage(), e);
            }
            err.println("/metrics, /health/live and /health/ready on " + endpoints.url());
        }

        Thread shutdownHook = new Thread(() -> {
            Main.stopping = true;
            runner.close();
        });
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        err.println("consuming " + topic + " at " + bootstrapServers + " (group " + groupId + ", from the "
                + (fromBeginning ? "beginning" : "end") + "); Ctrl-C to stop");
        err.flush();
        try {
            runner.run();
        } finally {
            if (endpoints != null) endpoints.close();
            if (!Main.stopping) Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        return 0;
    }

    /** Fails fast with one line instead of waiting forever for a topic that is not there. */
    private void checkTopicExists(Map<String, Object> config) throws InterruptedException {
        Map<String, Object> adminConfig = new HashMap<>();
        config.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) adminConfig.put(k, v);
        });
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) KafkaProbe.TIMEOUT.toMillis());
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KafkaProbe.TIMEOUT.toMillis());
        Object bootstrapServers = config.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        Admin admin = Admin.create(adminConfig);
        try {
            admin.describeTopics(List.of(topic)).allTopicNames().get(KafkaProbe.TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new Failure("topic " + topic + " does not exist at " + bootstrapServers
                        + ": create it, or check --topic and --bootstrap-servers");
            }
            throw new Failure("Kafka at " + bootstrapServers + " did not describe topic " + topic + " ("
                    + Failure.oneLine(Failure.messageOf(e.getCause())) + ")");
        } catch (TimeoutException e) {
            throw new Failure("Kafka at " + bootstrapServers + " did not describe topic " + topic + " within "
                    + KafkaProbe.TIMEOUT.toSeconds() + " s: check --bootstrap-servers");
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    private static String line(ConsumerRecord<Object, Object> record) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("topic", record.topic());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", record.timestamp());
        line.set("key", AvroJson.toJson(record.key()));
        line.set("value", AvroJson.toJson(record.value()));
        if (record.headers().iterator().hasNext()) {
            ObjectNode headers = line.putObject("headers"); // UTF-8 text; a repeated key shows its last value
            for (Header header : record.headers()) {
                headers.put(header.key(), header.value() == null ? null
                        : new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return line.toString();
    }

    /** Without a dead-letter topic: says on stderr which record was skipped and why. */
    private record ConsoleReport(PrintWriter err) implements DeadLetterSink {
        @Override
        public void send(FailedRecord letter) {
            ConsumerRecord<byte[], byte[]> record = letter.record();
            err.println("avrogate: skipped " + record.topic() + "-" + record.partition() + "@" + record.offset() + " ("
                    + letter.stage().name().toLowerCase().replace('_', ' ') + "): " + letter.error().getMessage());
            err.flush();
        }
    }

    /** The --server-config file's settings; a file that cannot be read is a usage error naming it. */
    private Map<String, Object> serverConfigs() {
        if (serverConfig == null) return Map.of();
        java.util.Properties properties = new java.util.Properties();
        try (java.io.Reader reader = java.nio.file.Files.newBufferedReader(serverConfig)) {
            properties.load(reader);
        } catch (java.io.IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--server-config " + serverConfig + ": " + e);
        }
        Map<String, Object> out = new HashMap<>();
        properties.forEach((k, v) -> out.put(k.toString(), v));
        return out;
    }
}
