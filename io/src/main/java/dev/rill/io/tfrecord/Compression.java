package dev.rill.io.tfrecord;

import dev.rill.io.MaskedCrc32c;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a whole TFRecord stream is compressed, as TensorFlow's {@code compression_type} names it.
 * Nothing in the file records which one was used, so readers must be told, exactly as
 * {@code tf.data.TFRecordDataset(..., compression_type=...)} must; {@link #detect} guesses it
 * from the first bytes for tools that look at a file of unknown origin.
 *
 * {@snippet :
 * try (TfRecordReader r = TfRecordReader.open(path, Compression.fromTfName("GZIP"))) {
 *   for (byte[] payload : r) { ... }
 * }
 * }
 */
public enum Compression {
  /** Plain framed records ({@code compression_type=""}). */
  NONE(""),
  /** One RFC 1952 gzip stream around the framed records ({@code "GZIP"}). */
  GZIP("GZIP"),
  /** One RFC 1950 zlib stream around the framed records ({@code "ZLIB"}). */
  ZLIB("ZLIB");

  private final String tfName;

  Compression(String tfName) {
    this.tfName = tfName;
  }

  /** TensorFlow's spelling: {@code ""}, {@code "GZIP"} or {@code "ZLIB"}. */
  public String tfName() {
    return tfName;
  }

  /**
   * Parses TensorFlow's spelling; {@code null} and {@code ""} mean {@link #NONE}. Case is
   * ignored.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static Compression fromTfName(String name) {
    if (name == null || name.isEmpty()) {
      return NONE;
    }
    for (Compression c : values()) {
      if (c.tfName.equalsIgnoreCase(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown TFRecord compression_type '" + name + "' (expected \"\", \"GZIP\" or \"ZLIB\")");
  }

  /**
   * The compression the first bytes of {@code file} show: gzip starts with {@code 1f 8b}; zlib
   * with a header pair whose 16-bit value is a multiple of 31 and method 8. An uncompressed
   * record starts with a length followed by its CRC, which settles the rare length that looks
   * like a zlib header. An empty or unrecognised file counts as uncompressed.
   */
  public static Compression detect(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(TfRecordFormat.HEADER_BYTES);
    }
    if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return GZIP;
    }
    boolean zlibHeader = head.length >= 2 && (head[0] & 0x0f) == 8
        && (((head[0] & 0xff) << 8) | (head[1] & 0xff)) % 31 == 0;
    boolean plainHeader = head.length == TfRecordFormat.HEADER_BYTES
        && TfRecordFormat.getIntLe(head, 8) == MaskedCrc32c.maskedCrc(head, 0, 8);
    return zlibHeader && !plainHeader ? ZLIB : NONE;
  }
}
