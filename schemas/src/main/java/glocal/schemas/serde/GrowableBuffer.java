package glocal.schemas.serde;

import java.io.OutputStream;
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
