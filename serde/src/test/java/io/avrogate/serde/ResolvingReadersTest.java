package io.avrogate.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/**
 * Both readers Avro 1.12.2's collection-size bug makes us use (generic and specific), and the compiled readers that
 * replace them by default, read every kind of collection element: promoted ones, logical types through their conversion, and map keys and values.
 */
class ResolvingReadersTest {
    private static final Schema WRITER = new Schema.Parser().parse("""
            {"type":"record","name":"Scores","fields":[
              {"name":"items","type":{"type":"array","items":"int"}},
              {"name":"days","type":{"type":"array","items":{"type":"int","logicalType":"date"}}},
              {"name":"scores","type":{"type":"map","values":"int"}}]}""");
    /** int → double in a collection: Avro 1.12.2 alone would refuse to read this. */
    private static final Schema READER = new Schema.Parser().parse("""
            {"type":"record","name":"Scores","fields":[
              {"name":"items","type":{"type":"array","items":"double"}},
              {"name":"days","type":{"type":"array","items":{"type":"int","logicalType":"date"}}},
              {"name":"scores","type":{"type":"map","values":"double"}}]}""");

    @Test
    void genericAndSpecificReadersReadArraysLogicalTypesAndMaps() throws IOException {
        assertThat(CollectionSizeCheck.mayRejectValidData(WRITER, READER)).isTrue();
        GenericData.Record written = new GenericData.Record(WRITER);
        written.put("items", List.of(1, 2, 3));
        written.put("days", List.of(19_000, 19_001));
        written.put("scores", Map.of("a", 1, "b", 2));
        byte[] bytes = encode(written);

        SpecificData specificData = new SpecificData();
        AvroDataModels.addLogicalTypeConversions(specificData);
        List<DatumReader<Object>> readers = List.of(
                ResolvingReaders.generic(WRITER, READER, AvroDataModels.generic(true)),
                ResolvingReaders.specific(WRITER, READER, specificData, ResolvingReadersTest.class),
                // The compiled codecs read collections block by block as well (issue 16).
                CompiledReaders.compile(WRITER, READER, AvroDataModels.generic(true)),
                CompiledReaders.compile(WRITER, READER, specificData));
        for (DatumReader<Object> reader : readers) {
            GenericRecord read = (GenericRecord) reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
            assertThat(read.get("items")).asList().containsExactly(1.0, 2.0, 3.0);
            assertThat(read.get("days")).asList()
                    .containsExactly(LocalDate.ofEpochDay(19_000), LocalDate.ofEpochDay(19_001));
            Map<String, Object> scores = new TreeMap<>();
            ((Map<?, ?>) read.get("scores")).forEach((key, value) -> scores.put(key.toString(), value));
            assertThat(scores).isEqualTo(Map.of("a", 1.0, "b", 2.0));
        }
    }

    private static byte[] encode(GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
