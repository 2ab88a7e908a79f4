package io.avrogate.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;

/**
 * How to read one writer schema (by id) into one reader schema: the resolving DatumReader, built once and shared
 * (Avro's readers are thread-safe), and what to do at the top level. The decoder is reused per thread.
 */
final class ReadPlan {
    private static final DecoderFactory DECODERS = DecoderFactory.get();
    private static final ThreadLocal<BinaryDecoder> DECODER = new ThreadLocal<>();

    private final int schemaId;
    private final DatumReader<Object> reader;
    private final boolean rawBytes;
    private final Schema.Type readerType;

    ReadPlan(int schemaId, Schema writer, Schema reader, DatumReader<Object> datumReader) {
        this.schemaId = schemaId;
        this.reader = datumReader;
        // Confluent writes a top-level "bytes" value raw, with no length prefix: it is the rest of the payload.
        this.rawBytes = writer.getType() == Schema.Type.BYTES;
        this.readerType = reader.getType();
    }

    Object read(byte[] payload) {
        int offset = WireFormat.HEADER_SIZE;
        int length = payload.length - offset;
        if (rawBytes) {
            byte[] body = Arrays.copyOfRange(payload, offset, payload.length);
            // A string reader asked for text: Avro's bytes-to-string promotion (Confluent ignores the reader here).
            return readerType == Schema.Type.STRING ? new String(body, StandardCharsets.UTF_8) : body;
        }
        BinaryDecoder decoder = DECODERS.binaryDecoder(payload, offset, length, DECODER.get());
        DECODER.set(decoder);
        Object value;
        try {
            value = reader.read(null, decoder);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw failure(e);
        }
        // Top-level values come back as plain Java types: String, not Utf8 (as Confluent); byte[], not ByteBuffer
        // (Confluent returns the ByteBuffer's toString() for a string writer read as bytes).
        if (readerType == Schema.Type.STRING && value instanceof CharSequence text) return text.toString();
        if (readerType == Schema.Type.BYTES && value instanceof ByteBuffer buffer) return toArray(buffer);
        return value;
    }

    private SerializationException failure(Throwable e) {
        String what;
        if (e instanceof EOFException) {
            what = "truncated body: the Avro data ends before the value is complete";
        } else if (e instanceof AvroTypeException && isResolutionFailure(e.getMessage())) {
            what = "the writer schema cannot be resolved to the reader schema: " + e.getMessage();
        } else if (e instanceof IndexOutOfBoundsException) {
            what = "invalid Avro data: a union branch or enum symbol index is out of range (" + e.getMessage() + ")";
        } else if (e instanceof SecurityException) {
            what = "Avro refuses to instantiate a class the reader schema names (" + e.getMessage() + ")";
        } else if (e instanceof StackOverflowError) {
            what = "invalid Avro data: nested too deeply to decode";
        } else {
            what = "invalid Avro data: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getName());
        }
        return new SerializationException("Error deserializing Avro message for id " + schemaId + ": " + what, e);
    }

    /** Avro reports both resolution failures ("Found long, expecting int") and bad union indexes as AvroTypeException. */
    private static boolean isResolutionFailure(String message) {
        return message != null && message.contains("expecting");
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
