package io.avrogate.bench;

import io.avrogate.example.tracking.app.InAppEvent;
import io.avrogate.registry.RegistryServer;
import io.avrogate.serde.AvroDeserializer;
import io.avrogate.serde.AvroSerdeConfig;
import io.avrogate.serde.AvroSerializer;
import io.avrogate.testkit.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produce + consume throughput through a real embedded broker and our registry over HTTP: in-app events with our
 * AvroSerializer/AvroDeserializer (specific records) against the very same bytes with Kafka's
 * ByteArraySerializer/ByteArrayDeserializer, same topic layout, same client settings. Producer and consumer run at
 * the same time, as a pipeline does; a round's clock runs from the first send to the last record consumed.
 *
 * <p>One round is one sample and machine noise is large here, so: each side is warmed up once (not counted), then
 * raw and Avro rounds alternate (the side that goes first alternates too), and the result is the median of each side,
 * its spread, and the ratio of the medians. A round in which neither an acknowledgement nor a consumed record arrives
 * for {@code STALL_SECONDS} is aborted and reported as a stall, never averaged in: the embedded broker on a loaded
 * machine occasionally stops answering for minutes, and one such round used to decide the whole result.
 *
 * <pre>java -cp "bench/target/avrogate-bench.jar:bench/target/lib/*" io.avrogate.bench.SerdeThroughput \
 *     [records=200000] [tuned|default|both=both] [rounds=5] [stall-seconds=30]</pre>
 *
 * {@code tuned} batches up to 256 KB with linger 5 ms, which makes raw Kafka as cheap per record as it gets and so
 * shows the serde's cost at its largest; {@code default} keeps Kafka's own producer batching (16 KB), the setting most
 * applications run with and the one DESIGN.md's raw figures were measured with.
 */
public final class SerdeThroughput {
    private static final int POOL = 1_000;

    private SerdeThroughput() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        String profiles = args.length > 1 ? args[1] : "both";
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Duration stallAfter = Duration.ofSeconds(args.length > 3 ? Integer.parseInt(args[3]) : 30);
        if (rounds < 1) throw new IllegalArgumentException("rounds must be at least 1");
        // The consumer reads generated classes (specific.avro.reader); Avro 1.12 instantiates only trusted packages.
        if (System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES") == null) {
            System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.avrogate.example");
        }
        System.out.printf("starting broker and registry...%n");
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             RegistryServer registry = RegistryServer.start(Map.of("listeners", "http://127.0.0.1:0",
                     "kafkastore.bootstrap.servers", kafka.bootstrapServers()))) {
            // A pool of distinct events, cycled (a million generated objects would measure the heap, not the serde).
            InAppEvent[] events = new InAppEvent[POOL];
            for (int i = 0; i < POOL; i++) events[i] = TrackingEvents.event(i);
            Map<String, Object> serdeConfigs = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                    AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
            byte[][] bytes = new byte[POOL][];
            try (AvroSerializer<InAppEvent> serializer = new AvroSerializer<>()) {
                serializer.configure(serdeConfigs, false);
                for (int i = 0; i < POOL; i++) bytes[i] = serializer.serialize("throughput-raw", events[i]);
            }
            System.out.printf("record size %d bytes (Confluent framing included); %,d records per round, %d rounds"
                    + " per side, stall after %d s without progress%n", bytes[0].length, records, rounds,
                    stallAfter.toSeconds());
            IntFunction<Object> avroValues = i -> events[i % POOL];
            IntFunction<Object> rawValues = i -> bytes[i % POOL];
            List<String> summaries = new ArrayList<>();
            for (String profile : profiles.equals("both") ? List.of("default", "tuned") : List.of(profiles)) {
                if (!profile.equals("default") && !profile.equals("tuned")) {
                    throw new IllegalArgumentException("profile must be tuned, default or both, not " + profile);
                }
                boolean tuned = profile.equals("tuned");
                ThroughputRound raw = new ThroughputRound(kafka, serdeConfigs, "raw", rawValues, ByteArraySerializer.class,
                        ByteArrayDeserializer.class, tuned, stallAfter);
                ThroughputRound avro = new ThroughputRound(kafka, serdeConfigs, "avro", avroValues, AvroSerializer.class,
                        AvroDeserializer.class, tuned, stallAfter);
                summaries.add(runProfile(profile, raw, avro, records, rounds));
            }
            System.out.printf("%n%s%n", String.join("\n", summaries));
        }
    }

    private static String runProfile(String profile, ThroughputRound raw, ThroughputRound avro, int records, int rounds)
            throws Exception {
        System.out.printf("%n== profile %s ==%n", profile);
        // A full round per side: with 10% of a round the JIT was still compiling during the first measured rounds
        // (measured: round 1 at 40% of round 4's rate).
        int warmup = Math.max(50_000, records);
        raw.run(warmup, "warm-up");
        avro.run(warmup, "warm-up");
        Samples rawSamples = new Samples();
        Samples avroSamples = new Samples();
        for (int round = 1; round <= rounds; round++) {
            // Alternate which side goes first, so a drift in machine load does not favour one side.
            boolean rawFirst = round % 2 == 1;
            for (ThroughputRound side : rawFirst ? List.of(raw, avro) : List.of(avro, raw)) {
                ThroughputRound.Result result = side.run(records, "round " + round);
                (side == raw ? rawSamples : avroSamples).add(result);
            }
        }
        String summary = String.format(Locale.ROOT, "%-7s raw %s | avro %s | avro/raw ratio of medians:"
                        + " produce+consume %s, produce %s", profile, rawSamples.describe(), avroSamples.describe(),
                ratio(avroSamples.pipeline(), rawSamples.pipeline()), ratio(avroSamples.produce(), rawSamples.produce()));
        System.out.println(summary);
        return summary;
    }

    private static String ratio(List<Double> avro, List<Double> raw) {
        if (avro.isEmpty() || raw.isEmpty()) return "n/a (no completed round on one side)";
        return String.format(Locale.ROOT, "%.2f", median(avro) / median(raw));
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The completed rounds of one side (rates in records per second) and how many stalled. */
    private static final class Samples {
        private final List<Double> pipeline = new ArrayList<>();
        private final List<Double> produce = new ArrayList<>();
        private int stalls;

        void add(ThroughputRound.Result result) {
            if (result.stalled()) {
                stalls++;
                return;
            }
            pipeline.add(result.pipelineRate());
            produce.add(result.produceRate());
        }

        List<Double> pipeline() { return pipeline; }
        List<Double> produce() { return produce; }

        /** Median produce+consume rate, min–max, and the spread (max − min) relative to the median. */
        String describe() {
            if (pipeline.isEmpty()) return "no completed round, " + stalls + " stall(s)";
            double median = median(pipeline);
            double min = pipeline.stream().mapToDouble(d -> d).min().orElseThrow();
            double max = pipeline.stream().mapToDouble(d -> d).max().orElseThrow();
            return String.format(Locale.ROOT, "median %,.0f rec/s (min %,.0f, max %,.0f, spread %.0f%%, n=%d, stalls=%d)",
                    median, min, max, 100 * (max - min) / median, pipeline.size(), stalls);
        }
    }
}
