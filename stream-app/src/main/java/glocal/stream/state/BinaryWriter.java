package glocal.stream.state;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;

/** Growable little-endian byte writer for the compact store-value codecs (no schema per record). */
public final class BinaryWriter {

    private byte[] buf = new byte[128];
    private int pos;

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    public BinaryWriter writeByte(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
        return this;
    }

    public BinaryWriter writeInt(int v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buf[pos++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    public BinaryWriter writeLong(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[pos++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    public BinaryWriter writeFloat(float v) {
        return writeInt(Float.floatToRawIntBits(v));
    }

    /** UTF-8 bytes after a 4-byte length. */
    public BinaryWriter writeString(String s) {
        byte[] bytes = s.getBytes(UTF_8);
        writeInt(bytes.length);
        return writeBytes(bytes);
    }

    /** UTF-8 bytes after a variable-length length (one byte below 128 bytes). */
    public BinaryWriter writeShortString(String s) {
        byte[] bytes = s.getBytes(UTF_8);
        writeVarLong(bytes.length);
        return writeBytes(bytes);
    }

    /** An unsigned LEB128 varint: 7 bits a byte, low bits first (one byte for 0..127). */
    public BinaryWriter writeVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
        return this;
    }

    /** A signed value as a zigzag varint: small magnitudes of either sign take few bytes. */
    public BinaryWriter writeZigZagLong(long v) {
        return writeVarLong((v << 1) ^ (v >> 63));
    }

    private BinaryWriter writeBytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
        return this;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }
}
