package dev.rill.io.tfrecord;

/**
 * What a {@link TfRecordReader} does when a record fails its checks.
 *
 * <p>Only a record whose length was verified (its length CRC matched) can be stepped over: the
 * reader then knows where the next record starts. A damaged length, a truncated record or a
 * damaged compressed stream leave no reliable place to resume (a search for the next plausible
 * header could land inside a payload), so {@link #SKIP} ends the stream there, like TensorFlow's
 * readers, which stop at a bad length.
 */
public enum CorruptRecordPolicy {
  /** Throw a {@link CorruptRecordException} at the first damaged record (TensorFlow's default). */
  FAIL,
  /**
   * Step over records whose payload or payload CRC is damaged, and end the stream early at a
   * damaged length, a truncated record or a damaged compressed stream. Each case adds one to
   * {@link TfRecordReader#corruptRecords()}; the last one is kept in
   * {@link TfRecordReader#lastCorruption()}.
   */
  SKIP
}
