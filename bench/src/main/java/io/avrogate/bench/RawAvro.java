package io.avrogate.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * The baseline every serde benchmark is measured against: Avro's binary encoding with a reused encoder, decoder and
 * buffer, the cheapest way an application can call Avro directly. One instance per benchmark state (not thread-safe).
 */
final class RawAvro {
    private final ByteArrayOutputStream out;
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;

    RawAvro(int bufferBytes) {
        this.out = new ByteArrayOutputStream(bufferBytes);
    }

    /** The body Avro writes for {@code value}, copied out of the reused buffer (as a serializer must). */
    <T> byte[] encode(DatumWriter<T> writer, T value) throws IOException {
        out.reset();
        encoder = EncoderFactory.get().binaryEncoder(out, encoder);
        writer.write(value, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** A new datum read from {@code body}. */
    <T> T decode(DatumReader<T> reader, byte[] body) throws IOException {
        decoder = DecoderFactory.get().binaryDecoder(body, decoder);
        return reader.read(null, decoder);
    }
}
