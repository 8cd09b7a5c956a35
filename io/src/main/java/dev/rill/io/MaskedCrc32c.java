package dev.rill.io;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * CRC32C (Castagnoli) and the masking TensorFlow applies before storing a CRC next to the data it
 * covers (in checkpoints, table blocks and TFRecord files).
 *
 * {@snippet :
 * int crc = MaskedCrc32c.crc(bytes, 0, bytes.length);
 * int stored = MaskedCrc32c.mask(crc);          // what goes into the file, little-endian
 * assert MaskedCrc32c.unmask(stored) == crc;
 * }
 */
public final class MaskedCrc32c {
  private static final int MASK_DELTA = 0xa282ead8;

  private MaskedCrc32c() {}

  /**
   * Rotates and offsets a CRC. Storing a CRC of data that itself holds CRCs would otherwise make
   * the CRC of the whole degenerate, so TensorFlow never stores a raw one.
   */
  public static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
  }

  /** Inverse of {@link #mask}. */
  public static int unmask(int masked) {
    int r = masked - MASK_DELTA;
    return (r >>> 17) | (r << 15);
  }

  /** Plain crc32c of {@code b[off, off+len)}. */
  public static int crc(byte[] b, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(b, off, len);
    return (int) c.getValue();
  }

  /** Plain crc32c of the remaining bytes of {@code buf}, which it consumes. */
  public static int crc(ByteBuffer buf) {
    CRC32C c = new CRC32C();
    c.update(buf);
    return (int) c.getValue();
  }

  /** {@code mask(crc(b[off, off+len)))}. */
  public static int maskedCrc(byte[] b, int off, int len) {
    return mask(crc(b, off, len));
  }
}
