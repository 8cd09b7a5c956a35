package dev.rill.data.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Keeps the elements of the first complete pass in memory and serves later passes from there, as
 * {@code cache()}. A pass cut short leaves nothing behind. The input is always opened as epoch 0
 * would open it, so what is cached does not depend on which pass completed first: a run restored
 * in a fresh process caches the same elements the original run did. Reading from the cache skips
 * in O(1).
 */
final class MemoryCacheOp<T> implements Source<T> {
  private final Source<T> input;
  private volatile List<T> cached;

  MemoryCacheOp(Source<T> input) {
    this.input = input;
  }

  @Override
  public Cursor<T> open(OpenContext context) {
    List<T> done = cached;
    if (done != null) {
      return new ListCursor<>(done);
    }
    Cursor<T> in = input.open(OpenContext.forEpoch(0));
    return new Cursor<>() {
      private List<T> recorded = new ArrayList<>();

      @Override
      public T next() {
        if (recorded == null) {
          return null;
        }
        T e = in.next();
        if (e == null) {
          publish(recorded);
          recorded = null;
          return null;
        }
        recorded.add(e);
        return e;
      }

      @Override
      public void close() {
        recorded = null;
        in.close();
      }
    };
  }

  private synchronized void publish(List<T> elements) {
    if (cached == null) {
      cached = Collections.unmodifiableList(elements);
    }
  }

  @Override
  public void describe(Fingerprint f) {
    f.add("cache").add(input);
  }

  /** Reads a list, seeking in O(1). */
  static final class ListCursor<T> implements Cursor<T> {
    private final List<T> elements;
    private int i;

    ListCursor(List<T> elements) {
      this.elements = elements;
    }

    @Override
    public T next() {
      return i < elements.size() ? elements.get(i++) : null;
    }

    @Override
    public long skip(long n) {
      long s = Math.min(n, elements.size() - i);
      i += (int) s;
      return s;
    }
  }
}
