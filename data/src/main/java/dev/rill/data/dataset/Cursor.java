package dev.rill.data.dataset;

/**
 * One pass over a {@link Source}: the iterator that operators and sources implement. Elements are
 * never null; {@link #next()} returns null at the end of the pass and keeps doing so. A cursor is
 * used by one thread at a time (operators that run work on other threads, like prefetch, hand
 * their input cursor to that thread alone).
 *
 * <p>{@link #skip(long)} exists so that restoring a saved position is cheap where it can be: a
 * source that can seek (tensor slices, a cache in memory) jumps, operators that are one-to-one
 * (map, batch, repeat, take) pass the skip down without computing the elements they would drop,
 * and the rest replay.
 */
public interface Cursor<T> extends AutoCloseable {
  /** The next element, or null at the end of the pass. */
  T next();

  /**
   * Drops up to {@code n} elements as if {@link #next()} had been called for each, and returns how
   * many there were (fewer than {@code n} only at the end of the pass). Implementations may skip
   * work that would only produce the dropped elements, but must leave the cursor where {@code n}
   * calls to {@code next()} would have.
   */
  default long skip(long n) {
    long k = 0;
    while (k < n && next() != null) {
      k++;
    }
    return k;
  }

  /** Frees what the pass holds (files, threads). Idempotent. */
  @Override
  default void close() {}
}
