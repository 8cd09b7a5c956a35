package dev.rill.data.dataset;

import java.util.function.Predicate;

/** Keeps the elements a predicate accepts. Skipping has to test every element it drops. */
final class FilterOp<T> implements Source<T> {
  private final Source<T> input;
  private final Predicate<? super T> predicate;

  FilterOp(Source<T> input, Predicate<? super T> predicate) {
    this.input = input;
    this.predicate = predicate;
  }

  @Override
  public Cursor<T> open(OpenContext context) {
    Cursor<T> in = input.open(context);
    return new Cursor<>() {
      private long index;

      @Override
      public T next() {
        for (T e = in.next(); e != null; e = in.next()) {
          long i = index++;
          boolean keep;
          try {
            keep = predicate.test(e);
          } catch (RuntimeException ex) {
            throw DatasetException.functionFailed("filter", i, context, ex);
          }
          if (keep) {
            return e;
          }
        }
        return null;
      }

      @Override
      public void close() {
        in.close();
      }
    };
  }

  @Override
  public void describe(Fingerprint f) {
    f.add("filter").add(input);
  }
}
