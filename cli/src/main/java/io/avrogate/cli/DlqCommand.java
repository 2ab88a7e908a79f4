package io.avrogate.cli;

import io.avrogate.serde.deadletter.DeadLetter;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code avrogate dlq inspect|replay}: looks at the records a consumer runner or the bridge dead-lettered (headers
 * in {@link io.avrogate.serde.deadletter.DeadLetterHeaders}' format) and sends them back once their cause is fixed.
 */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        subcommands = {DlqCommand.Inspect.class, DlqReplay.class},
        description = "Inspects and replays dead letters.")
final class DlqCommand implements Callable<Integer> {
    static final Map<String, String> DEFAULTS = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a subcommand: inspect or replay");
    }

    /** A dead-letter record and what its headers say. */
    record Letter(ConsumerRecord<byte[], byte[]> record, DeadLetter letter) {
        /** Where the dead letter itself is: {@code topic-partition@offset}. */
        String position() {
            return record.topic() + "-" + record.partition() + "@" + record.offset();
        }
    }

    /**
     * The dead letters of {@code topic} that {@code filter} matches, in partition order. A record without
     * dead-letter headers, or with unreadable ones, is reported on {@code err} and left out.
     */
    static List<Letter> matching(Map<String, Object> settings, String topic, DeadLetterFilter filter, PrintWriter err) {
        List<Letter> out = new ArrayList<>();
        TopicScan.forEach(settings, topic, record -> {
            if (filter.full(out.size())) return;
            String at = record.topic() + "-" + record.partition() + "@" + record.offset();
            try {
                DeadLetter.read(record.headers()).ifPresentOrElse(letter -> {
                    if (filter.matches(letter, record)) out.add(new Letter(record, letter));
                }, () -> err.println("avrogate: " + at + " has no dead-letter headers; left out"));
            } catch (IllegalArgumentException e) {
                err.println("avrogate: " + at + " has unreadable dead-letter headers (" + e.getMessage() + "); left out");
            }
        });
        err.flush();
        return out;
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Prints one line per dead letter: where it is, where it was read (topic-partition@offset),"
                    + " stage, exception, and when it was written and dead-lettered. Joins no consumer group.")
    static final class Inspect implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The dead-letter topic.")
        String topic;

        @Mixin
        DeadLetterFilter filter;

        @Mixin
        ConnectionOptions connection;

        Map<String, String> environment = System.getenv();

        @Override
        public Integer call() {
            Map<String, Object> settings = connection.configs(spec.commandLine(), environment, false, DEFAULTS);
            KafkaProbe.require(settings, "--bootstrap-servers");
            PrintWriter out = spec.commandLine().getOut();
            List<Letter> letters = matching(settings, topic, filter, spec.commandLine().getErr());
            for (Letter l : letters) out.println(line(l));
            out.flush();
            spec.commandLine().getErr().println(letters.size() + " dead letters in " + topic + " matched");
            spec.commandLine().getErr().flush();
            return 0;
        }

        static String line(Letter l) {
            DeadLetter d = l.letter();
            return l.position() + " " + d.topic() + "-" + d.partition() + "@" + d.offset() + " " + d.stage()
                    + (d.field() == null ? "" : " field " + d.field())
                    + " " + d.exceptionClass() + ": " + Failure.oneLine(d.exceptionMessage())
                    + " written " + (d.timestamp() < 0 ? "unknown" : Instant.ofEpochMilli(d.timestamp()))
                    + " dead-lettered " + Instant.ofEpochMilli(l.record().timestamp());
        }
    }
}
