package glocal.schemas.serde;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An unsynchronized, reusable output buffer that starts with room for the wire-format header, so a
 * serializer encodes straight after it and copies the result out once.
 */
final class GrowableBuffer extends OutputStream {
    private byte[] bytes = new byte[256];
    private int size;

    /** Empties the buffer and reserves the header bytes. */
    void resetAfterHeader() {
        size = WireFormat.HEADER_SIZE;
    }

    @Override
    public void write(int b) {
        ensure(size + 1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        ensure(size + length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    /**
     * Avro's int or long: zig-zag, then 7 bits per byte, low bits first (the same bytes for an int
     * as for a long).
     */
    void writeLong(long n) {
        ensure(size + 10);
        long z = (n << 1) ^ (n >> 63);
        while ((z & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((z & 0x7F) | 0x80);
            z >>>= 7;
        }
        bytes[size++] = (byte) z;
    }

    /**
     * Avro's string: the UTF-8 length, then the UTF-8 bytes (written char by char when all are
     * ASCII).
     */
    void writeString(String s) {
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (!ascii) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            writeLong(utf8.length);
            write(utf8, 0, utf8.length);
            return;
        }
        writeLong(n);
        ensure(size + n);
        for (int i = 0; i < n; i++) {
            bytes[size++] = (byte) s.charAt(i);
        }
    }

    /** A copy of the content, with the header filled in. */
    byte[] toPayload(int schemaId) {
        byte[] payload = Arrays.copyOf(bytes, size);
        WireFormat.writeHeader(payload, schemaId);
        return payload;
    }

    private void ensure(int capacity) {
        if (capacity > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(capacity, bytes.length * 2));
        }
    }
}
