package io.avrogate.cli;

import io.avrogate.serde.deadletter.DeadLetter;
import io.avrogate.serde.deadletter.DeadLetterHeaders;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code avrogate dlq replay}: sends dead letters' original key, value and headers back to their original topic (or
 * {@code --to}). Each re-sent record carries {@link #REPLAYED_FROM} naming the dead letter; before sending, the
 * target topics are read for that header and dead letters already there are skipped, so a re-run (also after a
 * crash half-way) sends nothing twice. That costs one read of each target topic per run, which keeps no state
 * anywhere else and stays right whatever filters earlier runs used (offsets committed per dlq would not).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-sends matching dead letters (key, value, headers without the error headers) to their"
                + " original topic or --to, skipping those already replayed there. Idempotent producer, acks=all.")
final class DlqReplay implements Callable<Integer> {
    /** On a replayed record: the dead letter it came from, {@code <dlq topic>-<partition>@<offset>}. */
    static final String REPLAYED_FROM = "__avrogate.replayed.from";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The dead-letter topic.")
    String topic;

    @Option(names = "--to", paramLabel = "TOPIC",
            description = "Send to this topic instead of each record's original one.")
    String to;

    @Option(names = "--dry-run", description = "Print what would be sent, send nothing.")
    boolean dryRun;

    @Mixin
    DeadLetterFilter filter;

    @Mixin
    ConnectionOptions connection;

    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws Exception {
        Map<String, Object> settings = connection.configs(spec.commandLine(), environment, false, DlqCommand.DEFAULTS);
        KafkaProbe.require(settings, "--bootstrap-servers");
        PrintWriter out = spec.commandLine().getOut();
        List<DlqCommand.Letter> letters = DlqCommand.matching(settings, topic, filter, spec.commandLine().getErr());
        Set<String> targets = new TreeSet<>();
        for (DlqCommand.Letter l : letters) targets.add(target(l.letter()));
        Set<String> alreadyReplayed = new HashSet<>();
        for (String target : targets) {
            TopicScan.forEach(settings, target, record -> {
                String from = DeadLetter.text(record.headers(), REPLAYED_FROM);
                if (from != null) alreadyReplayed.add(from);
            });
        }
        List<ProducerRecord<byte[], byte[]>> toSend = new ArrayList<>();
        for (DlqCommand.Letter l : letters) {
            if (alreadyReplayed.contains(l.position())) continue;
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(target(l.letter()), null, l.record().key(),
                    l.record().value(), replayHeaders(l));
            toSend.add(record);
            if (dryRun) out.println("would send " + l.position() + " to " + record.topic() + ": "
                    + DlqCommand.Inspect.line(l));
        }
        if (!dryRun) send(settings, toSend);
        int skipped = letters.size() - toSend.size();
        out.println((dryRun ? "would replay " : "replayed ") + toSend.size() + " of " + letters.size()
                + " matching dead letters from " + topic + " to " + String.join(", ", targets)
                + "; " + skipped + " skipped as already replayed");
        out.flush();
        return 0;
    }

    private String target(DeadLetter letter) {
        return to != null ? to : letter.topic();
    }

    /** The original headers: without the dead-letter ones and an earlier replay's mark, plus this replay's. */
    private static RecordHeaders replayHeaders(DlqCommand.Letter l) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : l.record().headers()) {
            if (!DeadLetterHeaders.isErrorHeader(header.key()) && !header.key().equals(REPLAYED_FROM)) headers.add(header);
        }
        headers.add(REPLAYED_FROM, l.position().getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static void send(Map<String, Object> settings, List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        if (records.isEmpty()) return;
        Map<String, Object> config = new HashMap<>();
        settings.forEach((k, v) -> {
            if (ProducerConfig.configNames().contains(k)) config.put(k, v);
        });
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> record : records) sent.add(producer.send(record));
            producer.flush();
            for (Future<RecordMetadata> result : sent) result.get();
        }
    }
}
