package dev.rill.data.dataset;

import java.util.Collection;
import java.util.Iterator;

/** The elements of an {@link Iterable}, asking it for a new iterator on every pass. */
final class IterableSource<T> implements Source<T> {
  private final Iterable<? extends T> iterable;

  IterableSource(Iterable<? extends T> iterable) {
    this.iterable = iterable;
  }

  @Override
  public Cursor<T> open(OpenContext context) {
    Iterator<? extends T> it = iterable.iterator();
    return new Cursor<>() {
      private long index;

      @Override
      public T next() {
        if (!it.hasNext()) {
          return null;
        }
        T e = it.next();
        if (e == null) {
          throw new DatasetException("fromIterable: element " + index + " is null; datasets"
              + " cannot hold nulls");
        }
        index++;
        return e;
      }

      @Override
      public void close() {
        if (it instanceof AutoCloseable c) {
          try {
            c.close();
          } catch (Exception e) {
            throw new DatasetException("fromIterable: closing the iterator failed", e);
          }
        }
      }
    };
  }

  /** Only the size of a collection: the elements themselves are the caller's business. */
  @Override
  public void describe(Fingerprint f) {
    f.add("iterable").add(iterable instanceof Collection<?> c ? c.size() : -1);
  }
}
