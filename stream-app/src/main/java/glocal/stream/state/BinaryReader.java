package glocal.stream.state;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reader matching {@link BinaryWriter}. */
public final class BinaryReader {

    private final ByteBuffer buf;

    public BinaryReader(byte[] bytes) {
        this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    public int readByte() {
        return buf.get();
    }

    public int readInt() {
        return buf.getInt();
    }

    public long readLong() {
        return buf.getLong();
    }

    public float readFloat() {
        return buf.getFloat();
    }

    public String readString() {
        return readUtf8(buf.getInt());
    }

    /** Reads what {@link BinaryWriter#writeShortString} wrote. */
    public String readShortString() {
        long n = readVarLong();
        if (n > buf.remaining()) {
            throw new IllegalArgumentException(
                    "string of " + n + " bytes, only " + buf.remaining() + " left");
        }
        return readUtf8((int) n);
    }

    public long readVarLong() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = buf.get();
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes");
    }

    public long readZigZagLong() {
        long z = readVarLong();
        return (z >>> 1) ^ -(z & 1);
    }

    private String readUtf8(int n) {
        String s = new String(buf.array(), buf.position(), n, UTF_8);
        buf.position(buf.position() + n);
        return s;
    }
}
