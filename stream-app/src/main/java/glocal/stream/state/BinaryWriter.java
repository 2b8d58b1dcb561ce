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

  public BinaryWriter writeString(String s) {
    byte[] bytes = s.getBytes(UTF_8);
    writeInt(bytes.length);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
    return this;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }
}
