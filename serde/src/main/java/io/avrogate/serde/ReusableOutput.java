package io.avrogate.serde;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * An unsynchronized growable byte buffer, reused per thread by the serializer so that writing a record allocates only
 * the final {@code byte[]} Kafka keeps. ({@link java.io.ByteArrayOutputStream} locks on every write.)
 */
final class ReusableOutput extends OutputStream {
    /** A buffer grown beyond this by one large record is dropped after use rather than kept by the thread. */
    private static final int MAX_RETAINED = 1 << 20;
    private static final int INITIAL = 512;

    private byte[] buffer = new byte[INITIAL];
    private int count;

    void reset() {
        if (buffer.length > MAX_RETAINED) buffer = new byte[INITIAL];
        count = 0;
    }

    @Override
    public void write(int b) {
        ensure(1);
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, count, length);
        count += length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, count);
    }

    private void ensure(int extra) {
        if (count + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + extra));
        }
    }
}
