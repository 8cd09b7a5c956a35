package dev.rill.data.dataset;

import java.util.function.Function;

/**
 * Maps each element to a dataset and yields those datasets' elements one after another, as
 * {@code flat_map}. The inner dataset of input element {@code i} is opened with its own key, so
 * a shuffle inside it is reproducible. Skipping skips inside the inner datasets.
 */
final class FlatMapOp<T, R> implements Source<R> {
  static final int SALT = 2;

  private final Source<T> input;
  private final Function<? super T, ? extends Dataset<? extends R>> fn;

  FlatMapOp(Source<T> input, Function<? super T, ? extends Dataset<? extends R>> fn) {
    this.input = input;
    this.fn = fn;
  }

  @Override
  public Cursor<R> open(OpenContext context) {
    Cursor<T> in = input.open(context);
    return new Cursor<>() {
      private Cursor<? extends R> inner;
      private long index;

      /** The cursor to read from, opening the next input element's dataset if needed. */
      private Cursor<? extends R> inner() {
        if (inner == null) {
          T e = in.next();
          if (e != null) {
            inner = openInner(fn, e, index++, context, SALT, "flatMap");
          }
        }
        return inner;
      }

      @Override
      public R next() {
        for (Cursor<? extends R> c = inner(); c != null; c = inner()) {
          R r = c.next();
          if (r != null) {
            return r;
          }
          c.close();
          inner = null;
        }
        return null;
      }

      @Override
      public long skip(long n) {
        long k = 0;
        for (Cursor<? extends R> c = inner(); c != null && k < n; c = inner()) {
          k += c.skip(n - k);
          if (k < n) {
            c.close();
            inner = null;
          }
        }
        return k;
      }

      @Override
      public void close() {
        if (inner != null) {
          inner.close();
          inner = null;
        }
        in.close();
      }
    };
  }

  /** Opens the dataset {@code fn} makes of input element {@code i}. */
  static <T, R> Cursor<? extends R> openInner(
      Function<? super T, ? extends Dataset<? extends R>> fn, T e, long i, OpenContext context,
      int salt, String op) {
    Dataset<? extends R> d = MapOp.apply(fn, e, i, op, context);
    return d.source().open(context.child(salt, i));
  }

  @Override
  public void describe(Fingerprint f) {
    f.add("flatMap").add(input);
  }
}
