package io.avrogate.bench;

import io.avrogate.example.tracking.app.InAppEvent;
import io.avrogate.serde.AvroDeserializer;
import io.avrogate.serde.AvroSerdeConfig;
import io.avrogate.serde.AvroSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The serde's compiled codecs (issue 16, {@code avrogate.codegen.enabled}) against plain Avro and against the serde
 * with the codecs off, in one run, for three records:
 * <ul>
 *   <li>{@code tracking}: the 24-field in-app event, generated class; decode reads v2 data into the newest class;</li>
 *   <li>{@code wide}: a generic record of 200 fields (ints, longs, doubles, strings, nullable strings, booleans);</li>
 *   <li>{@code deep}: a generic record nested 10 levels deep, a few fields per level.</li>
 * </ul>
 * Decoding always resolves (for wide and deep the reader adds a field with a default), as a consumer of an evolving
 * topic does. {@code encodeAvro}/{@code decodeAvro} are a reused Avro DatumWriter / resolving DatumReader and a
 * reused encoder/decoder; the serde numbers include its 5-byte header and cache lookups.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.avrogate.example"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CodecBenchmark {
    private static final String TOPIC = "codec-bench";

    @Param({"tracking", "wide", "deep"})
    public String shape;

    private Object value;
    private AvroSerializer<Object> codecsOn;
    private AvroSerializer<Object> codecsOff;
    private AvroDeserializer<Object> decodeOn;
    private AvroDeserializer<Object> decodeOff;
    private byte[] framed;
    private byte[] body;
    private DatumWriter<Object> avroWriter;
    private DatumReader<Object> avroReader;
    private final RawAvro raw = new RawAvro(8192);

    @Setup
    public void setUp() throws IOException {
        String url = "mock://codec-bench-" + UUID.randomUUID();
        Schema writer;
        Schema reader;
        Object written;
        Map<String, Object> readConfigs = new HashMap<>(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url));
        if (shape.equals("tracking")) {
            InAppEvent event = TrackingEvents.event(42);
            value = event;
            reader = InAppEvent.getClassSchema();
            writer = TrackingEvents.appEvents(2);
            avroWriter = new SpecificDatumWriter<>(reader, event.getSpecificData());
            written = new GenericDatumReader<GenericRecord>(reader, writer)
                    .read(null, DecoderFactory.get().binaryDecoder(encode(avroWriter, event), null));
            avroReader = new SpecificDatumReader<>(writer, reader, event.getSpecificData());
            readConfigs.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        } else {
            writer = shape.equals("wide") ? wide() : deep(10);
            reader = withAddedField(writer);
            value = shape.equals("wide") ? wideRecord(writer) : deepRecord(writer);
            written = value;
            avroWriter = new GenericDatumWriter<>(writer, GenericData.get());
            avroReader = new GenericDatumReader<>(writer, reader, GenericData.get());
            readConfigs.put(AvroSerdeConfig.AVRO_READER_SCHEMA, reader.toString());
        }
        codecsOn = serializer(url, true);
        codecsOff = serializer(url, false);
        framed = codecsOn.serialize(TOPIC, written);
        body = Arrays.copyOfRange(framed, 5, framed.length);
        decodeOn = deserializer(readConfigs, true);
        decodeOff = deserializer(readConfigs, false);

        // Every side must write the same bytes and read equal values, or the comparison means nothing.
        byte[] expected = encode(avroWriter, value);
        if (!Arrays.equals(expected, Arrays.copyOfRange(serializeCodecsOn(), 5, 5 + expected.length))
                || !Arrays.equals(serializeCodecsOn(), serializeCodecsOff())) {
            throw new IllegalStateException("encodings differ");
        }
        Object avro = decodeAvro();
        if (!avro.equals(deserializeCodecsOn()) || !avro.equals(deserializeCodecsOff())) {
            throw new IllegalStateException("decodings differ");
        }
    }

    @Benchmark
    public byte[] encodeAvro() throws IOException {
        return raw.encode(avroWriter, value);
    }

    @Benchmark
    public byte[] serializeCodecsOn() {
        return codecsOn.serialize(TOPIC, value);
    }

    @Benchmark
    public byte[] serializeCodecsOff() {
        return codecsOff.serialize(TOPIC, value);
    }

    @Benchmark
    public Object decodeAvro() throws IOException {
        return raw.decode(avroReader, body);
    }

    @Benchmark
    public Object deserializeCodecsOn() {
        return decodeOn.deserialize(TOPIC, framed);
    }

    @Benchmark
    public Object deserializeCodecsOff() {
        return decodeOff.deserialize(TOPIC, framed);
    }

    private static AvroSerializer<Object> serializer(String url, boolean codegen) {
        AvroSerializer<Object> serializer = new AvroSerializer<>();
        serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url, AvroSerdeConfig.CODEGEN_ENABLED, codegen), false);
        return serializer;
    }

    private static AvroDeserializer<Object> deserializer(Map<String, Object> configs, boolean codegen) {
        Map<String, Object> withSetting = new HashMap<>(configs);
        withSetting.put(AvroSerdeConfig.CODEGEN_ENABLED, codegen);
        AvroDeserializer<Object> deserializer = new AvroDeserializer<>();
        deserializer.configure(withSetting, false);
        return deserializer;
    }

    private static byte[] encode(DatumWriter<Object> writer, Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        writer.write(value, encoder);
        encoder.flush();
        return bytes.toByteArray();
    }

    private static final Schema.Type[] WIDE_TYPES = {Schema.Type.INT, Schema.Type.LONG, Schema.Type.STRING,
            Schema.Type.DOUBLE, Schema.Type.NULL, Schema.Type.BOOLEAN};

    /** 200 fields; NULL in the table stands for a nullable string. */
    static Schema wide() {
        List<Schema.Field> fields = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Schema.Type type = WIDE_TYPES[i % WIDE_TYPES.length];
            Schema schema = type == Schema.Type.NULL
                    ? Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING))
                    : Schema.create(type);
            fields.add(new Schema.Field("field_" + i, schema));
        }
        return Schema.createRecord("Wide", null, "io.avrogate.bench.codec", false, fields);
    }

    private static GenericRecord wideRecord(Schema schema) {
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            int i = field.pos();
            record.put(i, switch (WIDE_TYPES[i % WIDE_TYPES.length]) {
                case INT -> i * 31;
                case LONG -> 1_732_400_000_000L + i;
                case STRING -> "value-" + i;
                case DOUBLE -> i * 0.25;
                case NULL -> i % 4 == 0 ? null : "maybe-" + i;
                default -> i % 2 == 0;
            });
        }
        return record;
    }

    /** A record with an id, a name, a score and a child of the next level; the innermost has no child. */
    static Schema deep(int levels) {
        Schema inner = null;
        for (int level = levels; level >= 1; level--) {
            List<Schema.Field> fields = new ArrayList<>(List.of(
                    new Schema.Field("id", Schema.create(Schema.Type.LONG)),
                    new Schema.Field("name", Schema.create(Schema.Type.STRING)),
                    new Schema.Field("score", Schema.create(Schema.Type.DOUBLE))));
            if (inner != null) fields.add(new Schema.Field("child", inner));
            inner = Schema.createRecord("Level" + level, null, "io.avrogate.bench.codec", false, fields);
        }
        return inner;
    }

    private static GenericRecord deepRecord(Schema schema) {
        GenericData.Record record = new GenericData.Record(schema);
        record.put("id", (long) schema.getName().hashCode());
        record.put("name", "level " + schema.getName());
        record.put("score", 0.5);
        Schema.Field child = schema.getField("child");
        if (child != null) record.put("child", deepRecord(child.schema()));
        return record;
    }

    /** The schema plus a nullable field with a default, as a newer reader would have it. */
    private static Schema withAddedField(Schema schema) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) fields.add(new Schema.Field(field, field.schema()));
        fields.add(new Schema.Field("added", Schema.createUnion(Schema.create(Schema.Type.NULL),
                Schema.create(Schema.Type.STRING)), null, JsonProperties.NULL_VALUE));
        return Schema.createRecord(schema.getName(), null, schema.getNamespace(), false, fields);
    }
}
