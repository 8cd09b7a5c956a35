package dev.rill.io.checkpoint;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.io.MaskedCrc32c;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * A tensor's bytes in a checkpoint data file. Numeric types are their little-endian elements in
 * row-major order; strings are every length as a varint, then the masked crc32c of the lengths
 * as uint32s, then the bytes. The CRC stored in the index covers the raw bytes for numeric types
 * and, for strings, the uint32 lengths, the length checksum and the bytes.
 */
final class TensorCodec {
  private static final int CHUNK = 1 << 16;

  private TensorCodec() {}

  /** What a written tensor took: its byte count and its masked crc32c. */
  record Written(long size, int maskedCrc) {}

  /** Writes {@code t} to {@code out} and returns its size and masked crc. */
  static Written write(Tensor t, OutputStream out) throws IOException {
    CRC32C crc = new CRC32C();
    if (t.dtype() == DType.STRING) {
      return writeStrings(t.stringData(), out);
    }
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    int n = t.dtype() == DType.COMPLEX64 ? 2 * t.size() : t.size();
    int width = t.dtype() == DType.COMPLEX64 ? 4 : t.dtype().byteSize();
    int per = CHUNK / width;
    for (int i = 0; i < n; i += per) {
      int k = Math.min(per, n - i);
      chunk.clear();
      switch (t.dtype()) {
        case FLOAT32, COMPLEX64 -> chunk.asFloatBuffer().put((float[]) t.data(), i, k);
        case FLOAT64 -> chunk.asDoubleBuffer().put(t.doubleData(), i, k);
        case INT32 -> chunk.asIntBuffer().put(t.intData(), i, k);
        case INT64 -> chunk.asLongBuffer().put(t.longData(), i, k);
        case UINT8 -> chunk.put(t.uint8Data(), i, k);
        case BOOL -> {
          boolean[] z = t.boolData();
          for (int j = 0; j < k; j++) {
            chunk.put(j, (byte) (z[i + j] ? 1 : 0));
          }
        }
        case STRING -> throw new AssertionError();
      }
      out.write(chunk.array(), 0, k * width);
      crc.update(chunk.array(), 0, k * width);
    }
    return new Written((long) n * width, MaskedCrc32c.mask((int) crc.getValue()));
  }

  private static Written writeStrings(byte[][] s, OutputStream out) throws IOException {
    byte[] varints = new byte[10 * s.length];
    byte[] lengths32 = new byte[4 * s.length];
    int p = 0;
    for (int i = 0; i < s.length; i++) {
      p = Varint.put(varints, p, s[i].length);
      putFixed32(lengths32, 4 * i, s[i].length);
    }
    CRC32C crc = new CRC32C();
    crc.update(lengths32);
    byte[] lengthCrc = new byte[4];
    putFixed32(lengthCrc, 0, MaskedCrc32c.mask((int) crc.getValue()));
    crc.update(lengthCrc);
    out.write(varints, 0, p);
    out.write(lengthCrc);
    long size = p + 4L;
    for (byte[] b : s) {
      out.write(b);
      crc.update(b);
      size += b.length;
    }
    return new Written(size, MaskedCrc32c.mask((int) crc.getValue()));
  }

  /**
   * Decodes the {@code buf.remaining()} bytes of a tensor read from {@code file} at
   * {@code offset}, checking them against {@code maskedCrc}.
   */
  static Tensor read(String name, DType dtype, Shape shape, ByteBuffer buf, int maskedCrc,
      Path file, long offset) throws CorruptCheckpointException {
    buf.order(ByteOrder.LITTLE_ENDIAN);
    int n = shape.size();
    if (dtype == DType.STRING) {
      return readStrings(name, shape, buf, maskedCrc, file, offset);
    }
    int actual = MaskedCrc32c.mask(MaskedCrc32c.crc(buf.duplicate()));
    if (actual != maskedCrc) {
      throw new CorruptCheckpointException(file, offset, String.format("expected tensor '%s' "
          + "(%d bytes) to have crc32c 0x%08x (masked, from the index), found 0x%08x", name,
          buf.remaining(), maskedCrc, actual));
    }
    Object data = Tensor.allocate(dtype, n);
    switch (dtype) {
      case FLOAT32, COMPLEX64 -> buf.asFloatBuffer().get((float[]) data);
      case FLOAT64 -> buf.asDoubleBuffer().get((double[]) data);
      case INT32 -> buf.asIntBuffer().get((int[]) data);
      case INT64 -> buf.asLongBuffer().get((long[]) data);
      case UINT8 -> buf.get((byte[]) data);
      case BOOL -> {
        boolean[] z = (boolean[]) data;
        for (int i = 0; i < n; i++) {
          z[i] = buf.get(i) != 0;
        }
      }
      case STRING -> throw new AssertionError();
    }
    return Tensor.wrap(dtype, shape, data);
  }

  private static Tensor readStrings(String name, Shape shape, ByteBuffer buf, int maskedCrc,
      Path file, long offset) throws CorruptCheckpointException {
    int n = shape.size();
    int start = buf.position();
    if (n > buf.remaining()) {
      throw new CorruptCheckpointException(file, offset, "expected at least one length byte for "
          + "each of the " + n + " strings of tensor '" + name + "', found " + buf.remaining()
          + " bytes");
    }
    long[] lengths = new long[n];
    byte[] lengths32 = new byte[4 * n];
    long total = 0;
    for (int i = 0; i < n; i++) {
      long v = 0;
      int at = buf.position();
      for (int shift = 0; ; shift += 7) {
        if (!buf.hasRemaining() || shift >= 64) {
          throw new CorruptCheckpointException(file, offset + at - start, "expected the varint "
              + "length of string " + i + " of tensor '" + name + "'");
        }
        int x = buf.get() & 0xff;
        v |= (long) (x & 0x7f) << shift;
        if (x < 0x80) {
          break;
        }
      }
      lengths[i] = v;
      total += v;
      putFixed32(lengths32, 4 * i, (int) v);
      if (v < 0 || total < 0 || total > Integer.MAX_VALUE) {
        throw new CorruptCheckpointException(file, offset + at - start, "expected string lengths "
            + "of tensor '" + name + "' to total below 2^31 bytes, found " + Long.toUnsignedString(v));
      }
    }
    int lcAt = buf.position();
    if (buf.remaining() != 4 + total) {
      throw new CorruptCheckpointException(file, offset + lcAt - start, "expected tensor '" + name
          + "' to hold 4 + " + total + " bytes after its string lengths, found " + buf.remaining());
    }
    CRC32C crc = new CRC32C();
    crc.update(lengths32);
    int expectedLengthCrc = MaskedCrc32c.mask((int) crc.getValue());
    int storedLengthCrc = buf.getInt();
    if (storedLengthCrc != expectedLengthCrc) {
      throw new CorruptCheckpointException(file, offset + lcAt - start, String.format("expected "
          + "the string lengths of tensor '%s' to have crc32c 0x%08x (masked), found 0x%08x",
          name, expectedLengthCrc, storedLengthCrc));
    }
    byte[] lc = new byte[4];
    putFixed32(lc, 0, storedLengthCrc);
    crc.update(lc);
    byte[][] s = new byte[n][];
    for (int i = 0; i < n; i++) {
      s[i] = new byte[(int) lengths[i]];
      buf.get(s[i]);
      crc.update(s[i]);
    }
    int actual = MaskedCrc32c.mask((int) crc.getValue());
    if (actual != maskedCrc) {
      throw new CorruptCheckpointException(file, offset, String.format("expected string tensor "
          + "'%s' to have crc32c 0x%08x (masked, from the index), found 0x%08x", name, maskedCrc,
          actual));
    }
    return Tensor.wrap(DType.STRING, shape, s);
  }

  private static void putFixed32(byte[] b, int p, int v) {
    b[p] = (byte) v;
    b[p + 1] = (byte) (v >>> 8);
    b[p + 2] = (byte) (v >>> 16);
    b[p + 3] = (byte) (v >>> 24);
  }
}
