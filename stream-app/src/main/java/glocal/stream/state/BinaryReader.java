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
    int n = buf.getInt();
    String s = new String(buf.array(), buf.position(), n, UTF_8);
    buf.position(buf.position() + n);
    return s;
  }
}
