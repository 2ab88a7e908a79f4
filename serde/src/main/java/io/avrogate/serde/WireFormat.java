package io.avrogate.serde;

/**
 * Confluent's framing: magic byte {@code 0x00}, the schema id as a signed 32-bit big-endian int, then the Avro
 * binary encoding of the value (or, for a top-level {@code "bytes"} schema, the raw bytes with no length prefix).
 */
final class WireFormat {
    static final byte MAGIC_BYTE = 0x0;
    static final int HEADER_SIZE = 5;

    private WireFormat() {}

    static byte[] header(int schemaId) {
        return new byte[] {MAGIC_BYTE, (byte) (schemaId >>> 24), (byte) (schemaId >>> 16), (byte) (schemaId >>> 8),
                (byte) schemaId};
    }

    static int schemaId(byte[] payload) {
        return ((payload[1] & 0xff) << 24) | ((payload[2] & 0xff) << 16) | ((payload[3] & 0xff) << 8)
                | (payload[4] & 0xff);
    }
}
