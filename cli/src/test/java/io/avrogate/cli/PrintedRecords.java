package io.avrogate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The records {@code avrogate consume} has printed to a file so far, read incrementally (a 100,000-line file is
 * polled while it grows): which offsets of which partition appear. Only complete lines count, so the line a kill cut
 * off does not.
 */
final class PrintedRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<Integer, BitSet> offsets = new HashMap<>();
    private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
    private long position;
    private int count;

    PrintedRecords(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Reads the lines added since the last call. */
    synchronized PrintedRecords refresh() {
        if (!Files.exists(file)) return this;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(position);
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                position += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        line(partialLine.toString(StandardCharsets.UTF_8));
                        partialLine.reset();
                    } else {
                        partialLine.write(buffer[i]);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private void line(String line) throws IOException {
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
