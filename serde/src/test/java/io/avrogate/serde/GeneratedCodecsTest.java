package io.avrogate.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericDatumReader;
import org.junit.jupiter.api.Test;

/** The setting, the fallback to Avro's codecs, and a recursive schema through the serde with codecs on and off. */
class GeneratedCodecsTest {
    private static final Schema LIST = new Schema.Parser().parse("""
            {"type":"record","name":"Node","fields":[
              {"name":"value","type":"string"},
              {"name":"next","type":["null","Node"],"default":null}]}""");

    @Test
    void aSchemaTheCompilerLeavesToAvroFallsBackAndIsCounted() {
        Schema stringable = new Schema.Parser().parse("""
                {"type":"record","name":"Link","fields":[
                  {"name":"url","type":{"type":"string","java-class":"java.net.URI"}}]}""");
        long before = GeneratedCodecs.fallbacks();
        var reader = GeneratedCodecs.reader(true, stringable, stringable, GenericData.get(),
                () -> new GenericDatumReader<>(stringable, stringable));
        assertThat(reader).isInstanceOf(GenericDatumReader.class);
        assertThat(GeneratedCodecs.fallbacks()).isEqualTo(before + 1);
        assertThat(GeneratedCodecs.reader(false, LIST, LIST, GenericData.get(),
                () -> new GenericDatumReader<>(LIST, LIST))).isInstanceOf(GenericDatumReader.class);
        assertThat(GeneratedCodecs.fallbacks()).isEqualTo(before + 1); // switched off is not a fallback
    }

    @Test
    void recursiveRecordsRoundTripThroughTheSerdeWithCodecsOnAndOff() {
        GenericData.Record tail = new GenericData.Record(LIST);
        tail.put("value", "b");
        GenericData.Record head = new GenericData.Record(LIST);
        head.put("value", "a");
        head.put("next", tail);
        byte[] previous = null;
        for (boolean codegen : new boolean[] {true, false}) {
            Map<String, Object> configs = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://codecs-" + codegen,
                    AvroSerdeConfig.CODEGEN_ENABLED, codegen);
            try (AvroSerde<Object> serde = new AvroSerde<>()) {
                serde.configure(configs, false);
                byte[] bytes = serde.serializer().serialize("nodes", head);
                GenericRecord read = (GenericRecord) serde.deserializer().deserialize("nodes", bytes);
                assertThat(read).isEqualTo(head);
                assertThat(((GenericRecord) read.get("next")).get("next")).isNull();
                if (previous != null) assertThat(bytes).isEqualTo(previous);
                previous = bytes;
            }
        }
    }
}
