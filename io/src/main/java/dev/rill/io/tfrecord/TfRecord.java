package dev.rill.io.tfrecord;

import java.util.Arrays;

/**
 * One record read from a TFRecord stream: its payload, where its header starts, and its position.
 *
 * @param index zero-based position in the stream, counting records skipped as corrupt
 * @param offset byte offset of the record's first header byte in the uncompressed stream (for
 *     uncompressed files, the file offset)
 * @param payload the record's data, typically a serialized {@code tf.train.Example}
 */
public record TfRecord(long index, long offset, byte[] payload) {
  /** Payload size in bytes. */
  public int length() {
    return payload.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TfRecord r && r.index == index && r.offset == offset
        && Arrays.equals(r.payload, payload);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(index) * 31 + Long.hashCode(offset) * 17 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "TfRecord[index=" + index + ", offset=" + offset + ", length=" + payload.length + "]";
  }
}
