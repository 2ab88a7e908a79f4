package io.avrogate.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.check.SchemaRepository;
import io.avrogate.check.Subject;
import io.avrogate.core.AvroSchemas;
import io.avrogate.core.SchemaIdentity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * For the latest version of every subject on disk (so a new subject cannot go untested): the generated class
 * exists, has exactly the schema in git, and a fully populated instance survives a round trip through Avro binary.
 */
class GeneratedClassesRoundTripTest {
    private static final SchemaRepository REPO = SchemaRepository.load(Path.of("."));

    @TestFactory
    Stream<DynamicTest> everySubjectsGeneratedClassRoundTrips() {
        assertThat(REPO.subjects()).hasSizeGreaterThanOrEqualTo(5);
        return REPO.subjects().values().stream()
                .map(subject -> DynamicTest.dynamicTest(subject.name(), () -> roundTrip(subject)));
    }

    private static void roundTrip(Subject subject) throws Exception {
        // One Java class per named type: a shared type is generated from its own latest version, whichever version a
        // subject pins in its references (shared types are FULL_TRANSITIVE, so either reads the other).
        List<String> latestReferences = subject.config().references().stream()
                .map(ref -> REPO.subject(ref.subject()).orElseThrow().latest().text()).toList();
        Schema latest = AvroSchemas.parse(subject.latest().text(), latestReferences, true);
        Class<?> generated = Class.forName(latest.getFullName());
        Schema classSchema = (Schema) generated.getField("SCHEMA$").get(null);
        // avro-maven-plugin adds avro.java.string; identity ignores it, as the registry lookup must.
        assertThat(SchemaIdentity.normalizedForm(classSchema)).as("generated from the latest version")
                .isEqualTo(SchemaIdentity.normalizedForm(latest));

        byte[] populated = encode(new GenericDatumWriter<>(classSchema), new PopulatedRecords().valueFor(classSchema));
        SpecificRecord instance = decode(generated, classSchema, populated);
        for (Schema.Field field : classSchema.getFields()) {
            assertThat(instance.get(field.pos())).as("%s.%s is populated", generated.getSimpleName(), field.name()).isNotNull();
        }
        byte[] again = encode(new SpecificDatumWriter<>(classSchema), instance);
        // Same size as the generic encoding (map entries may come out in another order, which Avro allows).
        assertThat(again).as("specific encoding matches the generic one").hasSameSizeAs(populated);
        assertThat(decode(generated, classSchema, again)).isEqualTo(instance);
    }

    private static byte[] encode(org.apache.avro.io.DatumWriter<Object> writer, Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        writer.write(value, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static SpecificRecord decode(Class<?> type, Schema schema, byte[] bytes) throws IOException {
        SpecificDatumReader<SpecificRecord> reader = new SpecificDatumReader<>((Class<SpecificRecord>) type);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
        return reader.read(null, decoder);
    }
}
