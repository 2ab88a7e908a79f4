package io.avrogate.serde;

import static io.avrogate.serde.CodecDifferentialTest.assertDeepEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.avrogate.example.tracking.app.InAppEvent;
import io.avrogate.example.tracking.clicks.AdClick;
import io.avrogate.example.tracking.clicks.AdClickKey;
import io.avrogate.example.tracking.events.Event;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The compiled codecs against Avro's specific writer and resolving specific reader, for every generated class of the
 * schemas module and every released version of its subject as writer schema (the evolutions those classes really
 * see: added fields with defaults, enum defaults, promotions, nullable unions, logical types with the class's own
 * conversions). Values are random (seeded, printed) and copied into the generated classes.
 */
class SpecificCodecDifferentialTest {
    private record Lineage(Class<?> type, String subject, int versions, int geoVersion) {}

    private static final List<Lineage> LINEAGES = List.of(
            new Lineage(InAppEvent.class, "app-events-value", 3, 2),
            new Lineage(AdClick.class, "ad-clicks-value", 3, 1),
            new Lineage(io.avrogate.example.tracking.clicks.v2.AdClick.class, "ad-clicks.v2-value", 2, 2),
            new Lineage(Event.class, "events-value", 3, 0),
            new Lineage(AdClickKey.class, "ad-clicks-key", 2, 0));

    @Test
    void compiledCodecsMatchAvroForGeneratedClassesAndTheirReleasedVersions() {
        long seed = Long.getLong("codec.seed", 1204L);
        RandomAvro random = new RandomAvro(seed);
        int encodes = 0;
        int decodes = 0;
        int bothRejected = 0;
        for (Lineage lineage : LINEAGES) {
            SpecificData data = SpecificData.getForClass(lineage.type());
            Schema reader = data.getSchema(lineage.type());
            for (int n = 0; n < 300; n++) {
                Object value = data.deepCopy(reader, random.value(reader, data, 0));
                byte[] expected = encodeOrNull(new SpecificDatumWriter<>(reader, data), value);
                byte[] actual = encodeOrNull(CompiledWriters.compile(reader, data), value);
                if (expected == null) {
                    assertEquals(null, actual, lineage.type() + ": Avro rejected " + value + " but we wrote it");
                    bothRejected++;
                } else {
                    assertArrayEquals(expected, actual, lineage.type() + " " + value);
                    encodes++;
                }
            }
            for (Schema writer : released(lineage)) {
                ReadPlan avro = new ReadPlan(1, writer, reader,
                        ResolvingReaders.specific(writer, reader, data, lineage.type()));
                ReadPlan ours = new ReadPlan(1, writer, reader, CompiledReaders.compile(writer, reader, data));
                for (int n = 0; n < 300; n++) {
                    Object written = random.value(writer, GenericData.get(), 0);
                    byte[] framed = CodecDifferentialTest.frame(CodecDifferentialTest.avroEncode(writer, GenericData.get(), written));
                    Object expected = readOrFailure(avro, framed);
                    Object actual = readOrFailure(ours, framed);
                    if (expected instanceof SerializationException) {
                        assertTrue(actual instanceof SerializationException, "Avro failed on " + written + ", we read " + actual);
                        bothRejected++;
                    } else {
                        assertDeepEquals(expected, actual, lineage.subject() + " " + written);
                        decodes++;
                    }
                }
            }
        }
        System.out.printf("SpecificCodecDifferentialTest seed %d: %d encodes and %d decodes equal to Avro's, %d values"
                + " both rejected%n", seed, encodes, decodes, bothRejected);
        assertTrue(encodes > 1000 && decodes > 3000, "too few valid cases: " + encodes + ", " + decodes);
    }

    private static List<Schema> released(Lineage lineage) {
        List<Schema> schemas = new ArrayList<>();
        for (int v = 1; v <= lineage.versions(); v++) {
            Schema.Parser parser = new Schema.Parser();
            if (lineage.geoVersion() > 0) {
                parser.parse(SampleEvents.avsc("io.avrogate.example.tracking.common.GeoLocation", lineage.geoVersion()));
            }
            schemas.add(parser.parse(SampleEvents.avsc(lineage.subject(), v)));
        }
        return schemas;
    }

    private static byte[] encodeOrNull(org.apache.avro.io.DatumWriter<Object> writer, Object value) {
        try {
            return CodecDifferentialTest.encode(writer, value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Object readOrFailure(ReadPlan plan, byte[] framed) {
        try {
            return plan.read(framed);
        } catch (SerializationException e) {
            return e;
        }
    }
}
