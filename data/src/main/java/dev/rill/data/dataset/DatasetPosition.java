package dev.rill.data.dataset;

import java.nio.ByteBuffer;

/**
 * Where an iterator stands: which pass of which pipeline, and how many elements of that pass it
 * has handed out. Restoring it with {@link Dataset#iterator(DatasetPosition)} in a fresh process
 * yields exactly the elements the saved iterator had not yet returned.
 *
 * <p>Its compact forms are three longs ({@link #toLongArray()}, e.g. for int64 checkpoint
 * variables) or 25 bytes ({@link #toBytes()}).
 *
 * @param fingerprint {@link Dataset#fingerprint()} of the pipeline it was saved from
 * @param epoch the pass, from 0
 * @param consumed elements returned by the iterator in that pass
 */
public record DatasetPosition(long fingerprint, long epoch, long consumed) {
  private static final byte VERSION = 1;

  public DatasetPosition {
    if (epoch < 0 || consumed < 0) {
      throw new IllegalArgumentException("DatasetPosition: epoch and consumed must be >= 0, got "
          + epoch + " and " + consumed);
    }
  }

  /** {@code {fingerprint, epoch, consumed}}. */
  public long[] toLongArray() {
    return new long[] {fingerprint, epoch, consumed};
  }

  public static DatasetPosition fromLongArray(long[] v) {
    if (v.length != 3) {
      throw new IllegalArgumentException("DatasetPosition: expected 3 longs {fingerprint, epoch,"
          + " consumed}, got " + v.length);
    }
    return new DatasetPosition(v[0], v[1], v[2]);
  }

  /** A version byte, then fingerprint, epoch and consumed as big-endian longs. */
  public byte[] toBytes() {
    return ByteBuffer.allocate(25).put(VERSION).putLong(fingerprint).putLong(epoch)
        .putLong(consumed).array();
  }

  public static DatasetPosition fromBytes(byte[] b) {
    if (b.length != 25 || b[0] != VERSION) {
      throw new IllegalArgumentException("DatasetPosition: expected 25 bytes of version " + VERSION
          + ", got " + b.length + " bytes" + (b.length > 0 ? " of version " + b[0] : ""));
    }
    ByteBuffer in = ByteBuffer.wrap(b, 1, 24);
    return new DatasetPosition(in.getLong(), in.getLong(), in.getLong());
  }
}
