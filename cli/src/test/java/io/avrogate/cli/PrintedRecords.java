package io.avrogate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.TopicPartition;

/**
 * The records {@code avrogate consume} printed on its stdout, read from the pipe as they come: which offsets of which
 * partition appear. Reading from a pipe lets a test hold the command mid-stream: while nobody reads, the pipe fills
 * and the command blocks in its print. What the command wrote before it was killed can still be read to the end.
 */
final class PrintedRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedReader stdout;
    private final Map<Integer, BitSet> offsets = new HashMap<>();
    private int count;

    PrintedRecords(Process process) {
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Reads at most about 10,000 lines a second (the command waits on the full pipe meanwhile, as behind a slow
     * {@code | jq}) until at least {@code atLeast} distinct records were printed and {@code condition} holds, which
     * is checked every 1,000 lines. False when the output ended before.
     */
    boolean readSlowlyUntil(int atLeast, BooleanSupplier condition) throws IOException, InterruptedException {
        String line;
        for (long lines = 1; (line = stdout.readLine()) != null; lines++) {
            line(line);
            if (lines % 100 == 0) Thread.sleep(10);
            if (lines % 1_000 == 0 && count() >= atLeast && condition.getAsBoolean()) return true;
        }
        return false;
    }

    /** Reads the rest, until the command's stdout is closed (it exited or was killed). */
    void readToEnd() throws IOException {
        String line;
        while ((line = stdout.readLine()) != null) line(line);
    }

    /** Reads the rest on a thread of its own, so that the command never blocks on a full pipe. */
    Thread readToEndInBackground() {
        Thread reader = new Thread(() -> {
            try {
                readToEnd();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "printed-records");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private synchronized void line(String line) throws IOException {
        if (!line.startsWith("{")) return;
        JsonNode record = JSON.readTree(line);
        BitSet partition = offsets.computeIfAbsent(record.get("partition").asInt(), p -> new BitSet());
        int offset = Math.toIntExact(record.get("offset").asLong());
        if (!partition.get(offset)) count++;
        partition.set(offset);
    }

    /** Distinct records printed. */
    synchronized int count() {
        return count;
    }

    /** True when every offset of the partition below {@code end} was printed. */
    synchronized boolean allBelow(int partition, long end) {
        BitSet printed = offsets.getOrDefault(partition, new BitSet());
        return printed.nextClearBit(0) >= end;
    }

    /** The lowest offset of the partition printed, or -1. */
    synchronized long lowestOffset(int partition) {
        BitSet printed = offsets.get(partition);
        return printed == null ? -1 : printed.nextSetBit(0);
    }

    /** True when the two together printed every offset below the end of every partition. */
    static boolean coverAll(Map<TopicPartition, Long> end, PrintedRecords a, PrintedRecords b) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            BitSet both = new BitSet();
            synchronized (a) {
                both.or(a.offsets.getOrDefault(partition.getKey().partition(), new BitSet()));
            }
            synchronized (b) {
                both.or(b.offsets.getOrDefault(partition.getKey().partition(), new BitSet()));
            }
            if (both.nextClearBit(0) < partition.getValue()) return false;
        }
        return true;
    }
}
