package io.avrogate.bench;

import io.avrogate.example.tracking.app.InAppEvent;
import io.avrogate.serde.AvroDeserializer;
import io.avrogate.serde.AvroSerdeConfig;
import io.avrogate.serde.AvroSerializer;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The serde's per-record cost against plain Avro binary encoding and decoding of the same record, in the same run.
 *
 * <ul>
 *   <li>{@code serialize*} vs {@code rawEncode*}: our serializer (cache lookups, 5-byte header, encoder) against a
 *       reused {@code BinaryEncoder} + {@code DatumWriter} writing into a reused buffer and copying the bytes out.</li>
 *   <li>{@code deserialize*Resolving} vs {@code rawDecode*Resolving}: schema resolution on both sides. Generic: data
 *       written with the newest schema (v3), read with the released v1 as reader schema. Specific: data written with
 *       v2, read into the newest generated class ({@code specific.avro.reader}). The raw side is a reused
 *       {@code BinaryDecoder} and a resolving {@code DatumReader} built once.</li>
 *   <li>{@code deserializeGeneric} vs {@code rawDecodeGeneric}: no resolution (reader = writer).</li>
 * </ul>
 * The registry is the in-JVM one: once warm neither side makes a registry call, so it does not matter which.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.avrogate.example"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SerdeBenchmark {
    private static final String TOPIC = "app-events";

    private InAppEvent specific;
    private GenericRecord generic;
    private AvroSerializer<Object> serializer;
    private AvroDeserializer<Object> genericDeserializer;
    private AvroDeserializer<Object> v1Deserializer;
    private AvroDeserializer<Object> specificDeserializer;

    private byte[] framedV3;
    private byte[] framedV2;
    private byte[] bodyV3;
    private byte[] bodyV2;

    private final RawAvro raw = new RawAvro(1024);
    private SpecificDatumWriter<InAppEvent> specificWriter;
    private GenericDatumWriter<GenericRecord> genericWriter;
    private GenericDatumReader<GenericRecord> genericReader;
    private GenericDatumReader<GenericRecord> v3ToV1Reader;
    private SpecificDatumReader<InAppEvent> v2ToSpecificReader;

    @Setup
    public void setUp() throws IOException {
        Map<String, Object> configs = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://bench-" + UUID.randomUUID());
        Schema v3 = InAppEvent.getClassSchema();
        Schema v1 = TrackingEvents.appEvents(1);
        Schema v2 = TrackingEvents.appEvents(2);

        specific = TrackingEvents.event(42);
        serializer = new AvroSerializer<>();
        serializer.configure(configs, false);
        genericDeserializer = new AvroDeserializer<>();
        genericDeserializer.configure(configs, false);
        v1Deserializer = new AvroDeserializer<>();
        v1Deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, configs.get(AvroSerdeConfig.SCHEMA_REGISTRY_URL),
                AvroSerdeConfig.AVRO_READER_SCHEMA, v1.toString()), false);
        specificDeserializer = new AvroDeserializer<>();
        specificDeserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, configs.get(AvroSerdeConfig.SCHEMA_REGISTRY_URL),
                AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);

        framedV3 = serializer.serialize(TOPIC, specific);
        generic = (GenericRecord) genericDeserializer.deserialize(TOPIC, framedV3);
        GenericRecord v2Record = new GenericDatumReader<GenericRecord>(v3, v2).read(null,
                DecoderFactory.get().binaryDecoder(framedV3, 5, framedV3.length - 5, null));
        framedV2 = serializer.serialize(TOPIC, v2Record);
        bodyV3 = Arrays.copyOfRange(framedV3, 5, framedV3.length);
        bodyV2 = Arrays.copyOfRange(framedV2, 5, framedV2.length);

        specificWriter = new SpecificDatumWriter<>(v3, specific.getSpecificData());
        genericWriter = new GenericDatumWriter<>(v3, GenericData.get());
        genericReader = new GenericDatumReader<>(v3, v3, GenericData.get());
        v3ToV1Reader = new GenericDatumReader<>(v3, v1, GenericData.get());
        v2ToSpecificReader = new SpecificDatumReader<>(v2, v3, specific.getSpecificData());

        // Both sides must produce and read the same thing, or the comparison means nothing.
        // (The generic record holds its map as a HashMap, so its entries may come out in another order.)
        if (!Arrays.equals(rawEncodeSpecific(), bodyV3)
                || !Arrays.equals(Arrays.copyOfRange(serializeGeneric(), 5, framedV3.length), rawEncodeGeneric())) {
            throw new IllegalStateException("raw and serde encodings differ");
        }
        if (!deserializeSpecificResolving().equals(rawDecodeSpecificResolving())
                || !deserializeGenericResolving().equals(rawDecodeGenericResolving())
                || !deserializeGeneric().equals(rawDecodeGeneric())) {
            throw new IllegalStateException("raw and serde decodings differ");
        }
    }

    @Benchmark
    public byte[] serializeSpecific() {
        return serializer.serialize(TOPIC, specific);
    }

    @Benchmark
    public byte[] rawEncodeSpecific() throws IOException {
        return raw.encode(specificWriter, specific);
    }

    @Benchmark
    public byte[] serializeGeneric() {
        return serializer.serialize(TOPIC, generic);
    }

    @Benchmark
    public byte[] rawEncodeGeneric() throws IOException {
        return raw.encode(genericWriter, generic);
    }

    @Benchmark
    public Object deserializeGeneric() {
        return genericDeserializer.deserialize(TOPIC, framedV3);
    }

    @Benchmark
    public Object rawDecodeGeneric() throws IOException {
        return raw.decode(genericReader, bodyV3);
    }

    @Benchmark
    public Object deserializeGenericResolving() {
        return v1Deserializer.deserialize(TOPIC, framedV3);
    }

    @Benchmark
    public Object rawDecodeGenericResolving() throws IOException {
        return raw.decode(v3ToV1Reader, bodyV3);
    }

    @Benchmark
    public Object deserializeSpecificResolving() {
        return specificDeserializer.deserialize(TOPIC, framedV2);
    }

    @Benchmark
    public Object rawDecodeSpecificResolving() throws IOException {
        return raw.decode(v2ToSpecificReader, bodyV2);
    }

}
