package io.avrogate.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Proof that the compiled codecs are Avro's codecs: random schemas, random evolutions of them and random values
 * (seeded; the seed and the counts are printed, and {@code -Dcodec.seed=N} replays a run). For every case the
 * compiled writer's bytes must equal GenericDatumWriter's, and the compiled reader must return what Avro's resolving
 * reader returns — the same Java types, not just equal values — or fail where Avro fails, with the serde's
 * SerializationException, for good, truncated and corrupted data alike. Two data models: plain generic, and generic
 * with logical-type conversions. Generated (specific) classes are covered by the conformance corpus, which runs with codecs on and off.
 */
class CodecDifferentialTest {
    private static final GenericData PLAIN = GenericData.get();
    private static final GenericData CONVERTING = AvroDataModels.generic(true);

    @Test
    void compiledCodecsMatchAvroOnRandomSchemasEvolutionsAndData() {
        run(Long.getLong("codec.seed", 20261204L), Integer.getInteger("codec.schemas", 2_000));
    }

    @Test
    @Tag("slow")
    void compiledCodecsMatchAvroOnManyMoreCases() {
        run(Long.getLong("codec.seed", System.nanoTime()), Integer.getInteger("codec.schemas", 20_000));
    }

    private static void run(long seed, int schemas) {
        RandomAvro random = new RandomAvro(seed);
        Counts counts = new Counts();
        for (int s = 0; s < schemas; s++) {
            Schema writer = random.record(0);
            GenericData data = s % 2 == 0 ? PLAIN : CONVERTING;
            for (int e = 0; e < 3; e++) {
                Schema reader = e == 0 ? writer : random.evolve(writer);
                for (int v = 0; v < 3; v++) {
                    Object value = random.value(writer, data, 0);
                    try {
                        check(writer, reader, data, value, random, counts);
                    } catch (AssertionError | RuntimeException ex) {
                        throw new AssertionError("seed " + seed + ", schema #" + s + " (replay: -Dcodec.seed=" + seed
                                + ")\nwriter " + writer + "\nreader " + reader + "\nvalue " + value + "\n" + ex, ex);
                    }
                }
            }
        }
        System.out.printf("CodecDifferentialTest seed %d: %d schemas, %s%n", seed, schemas, counts);
        assertTrue(counts.resolved > 0 && counts.resolutionErrors > 0 && counts.malformed > 0, counts.toString());
    }

    private static final class Counts {
        long encoded, resolved, resolutionErrors, malformed, malformedBothFailed, malformedOtherKind;

        @Override
        public String toString() {
            return String.format("%d encodes equal to Avro's, %d decodes equal to Avro's, %d pairs Avro and we both"
                    + " reject, %d truncated/corrupted payloads (%d rejected by both, %d of them reported as another"
                    + " kind of defect; the rest read equal)", encoded, resolved, resolutionErrors, malformed,
                    malformedBothFailed, malformedOtherKind);
        }
    }

    private static void check(Schema writer, Schema reader, GenericData data, Object value, RandomAvro random,
            Counts counts) {
        byte[] avroBytes = avroEncode(writer, data, value);
        byte[] ourBytes = encode(CompiledWriters.compile(writer, data), value);
        assertArrayEquals(avroBytes, ourBytes, "encoded bytes");
        counts.encoded++;

        ReadPlan avro = new ReadPlan(1, writer, reader, ResolvingReaders.generic(writer, reader, data));
        ReadPlan ours = new ReadPlan(1, writer, reader, CompiledReaders.compile(writer, reader, data));
        byte[] framed = frame(avroBytes);
        Outcome expected = Outcome.of(avro, framed);
        Outcome actual = Outcome.of(ours, framed);
        actual.assertSameAs(expected, "decoding", true);
        if (expected.failure == null) counts.resolved++;
        else counts.resolutionErrors++;

        // Malformed input: cut short, or a byte overwritten. Both must fail, or both read the same value.
        byte[] broken = framed.length > WireFormat.HEADER_SIZE + 1 && random.random().nextBoolean()
                ? Arrays.copyOf(framed, WireFormat.HEADER_SIZE + random.random().nextInt(framed.length - WireFormat.HEADER_SIZE))
                : corrupt(framed, random);
        Outcome brokenExpected = Outcome.of(avro, broken);
        Outcome brokenActual = Outcome.of(ours, broken);
        // Malformed data: both must fail (SerializationException) or read the same; which of several defects is
        // reported first may differ (Avro checks some things in another order), so the kind is counted, not required.
        brokenActual.assertSameAs(brokenExpected, "decoding malformed data", false);
        counts.malformed++;
        if (brokenExpected.failure != null) {
            counts.malformedBothFailed++;
            if (!Outcome.category(brokenExpected.failure).equals(Outcome.category(brokenActual.failure))) {
                counts.malformedOtherKind++;
            }
        }
    }

    private record Outcome(Object value, SerializationException failure) {
        static Outcome of(ReadPlan plan, byte[] payload) {
            try {
                return new Outcome(plan.read(payload), null);
            } catch (SerializationException e) {
                return new Outcome(null, e);
            }
        }

        void assertSameAs(Outcome expected, String what, boolean sameKind) {
            if (expected.failure != null) {
                if (failure == null) fail(what + ": Avro failed with " + expected.failure.getMessage() + " but we read " + value);
                if (sameKind) assertEquals(category(expected.failure), category(failure),
                        what + ": Avro says " + expected.failure.getMessage() + "; we say " + failure.getMessage());
                return;
            }
            if (failure != null) throw new AssertionError(what + ": Avro read " + expected.value + " but we failed", failure);
            assertDeepEquals(expected.value, value, "$");
        }

        /** The serde's failure kind: "truncated body", "invalid Avro data", "the writer schema cannot be resolved". */
        static String category(SerializationException e) {
            String message = e.getMessage();
            String reason = message.substring(message.indexOf(": ") + 2);
            if (reason.startsWith("truncated")) return "truncated";
            if (reason.startsWith("the writer schema")) return "resolution";
            return "invalid";
        }
    }

    /** Equal values of the same Java classes all the way down (Avro's equals treats Utf8 and String alike). */
    static void assertDeepEquals(Object expected, Object actual, String path) {
        if (expected == null || actual == null) {
            assertEquals(expected, actual, path);
            return;
        }
        assertEquals(expected.getClass(), actual.getClass(), path + " class");
        if (expected instanceof IndexedRecord record) {
            IndexedRecord other = (IndexedRecord) actual;
            assertEquals(record.getSchema(), other.getSchema(), path + " schema");
            for (Schema.Field field : record.getSchema().getFields()) {
                assertDeepEquals(record.get(field.pos()), other.get(field.pos()), path + "." + field.name());
            }
        } else if (expected instanceof Collection<?> collection) {
            Collection<?> other = (Collection<?>) actual;
            assertEquals(collection.size(), other.size(), path + " size");
            Iterator<?> left = collection.iterator();
            Iterator<?> right = other.iterator();
            for (int i = 0; left.hasNext(); i++) assertDeepEquals(left.next(), right.next(), path + "[" + i + "]");
        } else if (expected instanceof Map<?, ?> map) {
            Map<?, ?> other = (Map<?, ?>) actual;
            assertEquals(map.keySet(), other.keySet(), path + " keys");
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object key = entry.getKey();
                other.keySet().stream().filter(key::equals).findFirst()
                        .ifPresent(k -> assertEquals(key.getClass(), k.getClass(), path + " key class"));
                assertDeepEquals(entry.getValue(), other.get(key), path + "{" + key + "}");
            }
        } else if (expected instanceof GenericFixed fixed) {
            assertArrayEquals(fixed.bytes(), ((GenericFixed) actual).bytes(), path);
        } else if (expected instanceof ByteBuffer buffer) {
            assertEquals(buffer, actual, path);
        } else {
            assertTrue(Objects.equals(expected, actual), path + ": expected " + expected + " but was " + actual);
        }
    }

    static byte[] avroEncode(Schema schema, GenericData data, Object value) {
        return encode(new GenericDatumWriter<>(schema, data), value);
    }

    static byte[] encode(DatumWriter<Object> writer, Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            writer.write(value, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    static byte[] frame(byte[] body) {
        byte[] framed = new byte[WireFormat.HEADER_SIZE + body.length];
        System.arraycopy(WireFormat.header(1), 0, framed, 0, WireFormat.HEADER_SIZE);
        System.arraycopy(body, 0, framed, WireFormat.HEADER_SIZE, body.length);
        return framed;
    }

    private static byte[] corrupt(byte[] framed, RandomAvro random) {
        byte[] copy = framed.clone();
        if (copy.length > WireFormat.HEADER_SIZE) {
            int at = WireFormat.HEADER_SIZE + random.random().nextInt(copy.length - WireFormat.HEADER_SIZE);
            copy[at] = (byte) random.random().nextInt(256);
        }
        return copy;
    }
}
