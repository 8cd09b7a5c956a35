package dev.rill.io.tfrecord;

import dev.rill.io.MaskedCrc32c;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The TFRecord framing: each record is an 8-byte little-endian length, the masked CRC-32C of those
 * 8 bytes, the payload, and the masked CRC-32C of the payload (all CRCs 4 bytes little-endian). A
 * file is records back to back, with no header or footer; an empty file holds no records.
 *
 * {@snippet :
 * byte[] file = TfRecordFormat.frame(List.of(a, b));   // what TfRecordWriter would write
 * }
 */
public final class TfRecordFormat {
  /** Bytes before the payload: the length and its CRC. */
  public static final int HEADER_BYTES = 12;
  /** Bytes after the payload: its CRC. */
  public static final int FOOTER_BYTES = 4;
  /** Framing bytes per record. */
  public static final int OVERHEAD_BYTES = HEADER_BYTES + FOOTER_BYTES;

  private TfRecordFormat() {}

  /** Writes the 12-byte header for a payload of {@code length} bytes into {@code dst[0, 12)}. */
  static void putHeader(byte[] dst, long length) {
    putLongLe(dst, 0, length);
    putIntLe(dst, 8, MaskedCrc32c.maskedCrc(dst, 0, 8));
  }

  /** The framed bytes of one record. */
  public static byte[] frame(byte[] payload) {
    return frame(List.of(payload));
  }

  /** The framed bytes of several records, back to back: a whole uncompressed TFRecord file. */
  public static byte[] frame(List<byte[]> payloads) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] header = new byte[HEADER_BYTES];
    byte[] footer = new byte[FOOTER_BYTES];
    for (byte[] p : payloads) {
      putHeader(header, p.length);
      putIntLe(footer, 0, MaskedCrc32c.maskedCrc(p, 0, p.length));
      out.writeBytes(header);
      out.writeBytes(p);
      out.writeBytes(footer);
    }
    return out.toByteArray();
  }

  static void putLongLe(byte[] b, int off, long v) {
    for (int i = 0; i < 8; i++) {
      b[off + i] = (byte) (v >>> (8 * i));
    }
  }

  static void putIntLe(byte[] b, int off, int v) {
    for (int i = 0; i < 4; i++) {
      b[off + i] = (byte) (v >>> (8 * i));
    }
  }

  static long getLongLe(byte[] b, int off) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[off + i] & 0xff);
    }
    return v;
  }

  static int getIntLe(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16
        | (b[off + 3] & 0xff) << 24;
  }
}
