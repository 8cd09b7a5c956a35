package dev.rill.data.dataset;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * One pass over a {@link Dataset}. It counts the elements it returns, so its {@link #position()}
 * can be saved and later restored with {@link Dataset#iterator(DatasetPosition)}.
 *
 * <p>Close it when done (try-with-resources): a pipeline with prefetch or parallel map runs
 * threads, and a file cache or text source holds files, until then. It closes itself when the
 * pass ends, so a for-each loop that runs to the end leaks nothing. Not thread-safe.
 */
public final class DatasetIterator<T> implements Iterator<T>, AutoCloseable {
  private final Cursor<T> cursor;
  private final long fingerprint;
  private final long epoch;
  private long consumed;
  private T lookahead;
  private boolean ended;
  private boolean closed;

  DatasetIterator(Cursor<T> cursor, long fingerprint, long epoch) {
    this.cursor = cursor;
    this.fingerprint = fingerprint;
    this.epoch = epoch;
  }

  /** Skips {@code n} elements at the start, as part of opening at a saved position. */
  DatasetIterator<T> fastForward(long n) {
    long k = cursor.skip(n);
    consumed += k;
    if (k < n) {
      end();
    }
    return this;
  }

  @Override
  public boolean hasNext() {
    if (lookahead != null) {
      return true;
    }
    if (ended) {
      return false;
    }
    if (closed) {
      throw new IllegalStateException("DatasetIterator: used after close()");
    }
    lookahead = cursor.next();
    if (lookahead == null) {
      end();
      return false;
    }
    return true;
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException("DatasetIterator: the pass has ended after " + consumed
          + " elements");
    }
    T e = lookahead;
    lookahead = null;
    consumed++;
    return e;
  }

  /**
   * Drops up to {@code n} elements and returns how many there were; cheaper than calling
   * {@link #next()} where the pipeline can skip (see {@link Cursor#skip(long)}).
   */
  public long skip(long n) {
    if (n <= 0) {
      return 0;
    }
    long k = 0;
    if (lookahead != null) {
      lookahead = null;
      consumed++;
      k = 1;
    }
    if (k < n && !ended) {
      if (closed) {
        throw new IllegalStateException("DatasetIterator: used after close()");
      }
      long s = cursor.skip(n - k);
      consumed += s;
      k += s;
      if (k < n) {
        end();
      }
    }
    return k;
  }

  /** Where this iterator stands: pass and elements returned so far. */
  public DatasetPosition position() {
    return new DatasetPosition(fingerprint, epoch, consumed);
  }

  /** The pass this iterator runs, from 0. */
  public long epoch() {
    return epoch;
  }

  /** Elements returned (or skipped) so far in this pass. */
  public long consumed() {
    return consumed;
  }

  private void end() {
    ended = true;
    close();
  }

  /** Stops the pipeline's threads and closes its files. Idempotent. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      lookahead = null;
      cursor.close();
    }
  }
}
