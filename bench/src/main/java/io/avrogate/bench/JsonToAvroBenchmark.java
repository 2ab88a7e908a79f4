package io.avrogate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.avrogate.example.tracking.app.InAppEvent;
import io.avrogate.core.json.JsonToAvro;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.io.EncoderFactory;
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
 * The ingest service's per-event conversion: one in-app event (nested records, a union holding a record, enum, map,
 * decimal, uuid and timestamps) from plain JSON text to a GenericRecord with {@link JsonToAvro}, against the baseline
 * of Avro's own JSON decoder reading the same event in Avro's JSON encoding (wrapped unions, raw logical values), which
 * is what the ingest service would otherwise demand of its clients.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JsonToAvroBenchmark {
    static final String PLAIN_JSON = """
            {"event_id": "6f1c2a4e-8a7b-4a43-9d6e-0c8f1f2b3a4d", "user_id": "u-42",
             "occurred_at": "2024-05-01T12:30:00.250+02:00",
             "metadata": {"device": {"platform": "IOS", "os_version": "17.4.1", "model": "iPhone15,2",
                                     "screen": {"width": 1179, "height": 2556}},
                          "geo": {"country": "DE", "city": "Berlin", "latitude": 52.52, "longitude": 13.405},
                          "app_version": "5.2.0", "received_at": 1714559400250123,
                          "sdk": {"name": "avro-sdk", "version": "1.0"}},
             "payload": {"screen_name": "checkout", "action": "tap_buy",
                         "properties": {"sku": "A-1", "qty": "2", "coupon": "SPRING"}, "revenue": "19.99"},
             "session_sequence": 7}
            """;

    private final Schema schema = InAppEvent.getClassSchema();
    private final JsonToAvro converter = new JsonToAvro();
    private final GenericDatumReader<GenericRecord> avroReader = new GenericDatumReader<>(schema);
    private String avroJson;

    @Setup
    public void encodeBaselineInput() throws IOException {
        GenericRecord record = converter.toRecord(JsonToAvro.parse(PLAIN_JSON), schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonEncoder encoder = EncoderFactory.get().jsonEncoder(schema, out);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        avroJson = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Baseline: Avro's JsonDecoder on Avro's JSON encoding of the same event. */
    @Benchmark
    public GenericRecord avroJsonDecoder() throws IOException {
        return avroReader.read(null, DecoderFactory.get().jsonDecoder(schema, avroJson));
    }

    /** Plain JSON: Jackson tree (exact decimals), then the schema-guided conversion. */
    @Benchmark
    public GenericRecord jsonToAvro() {
        JsonNode tree = JsonToAvro.parse(PLAIN_JSON);
        return converter.toRecord(tree, schema);
    }
}
