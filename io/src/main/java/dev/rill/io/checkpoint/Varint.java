package dev.rill.io.checkpoint;

/** Protobuf-style base-128 varints, as LevelDB tables and string tensors use them. */
final class Varint {
  private Varint() {}

  /** Writes {@code v} (unsigned) at {@code b[p]}; returns the position after it. */
  static int put(byte[] b, int p, long v) {
    while ((v & ~0x7FL) != 0) {
      b[p++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    b[p++] = (byte) v;
    return p;
  }

  /** Bytes {@link #put} uses for {@code v}. */
  static int size(long v) {
    int n = 1;
    while ((v & ~0x7FL) != 0) {
      v >>>= 7;
      n++;
    }
    return n;
  }
}
