package dev.rill.io.tfrecord;

/**
 * How a whole TFRecord stream is compressed, as TensorFlow's {@code compression_type} names it.
 * Nothing in the file records which one was used, so readers must be told, exactly as
 * {@code tf.data.TFRecordDataset(..., compression_type=...)} must.
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
}
