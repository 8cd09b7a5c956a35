package dev.rill.data.dataset;

import java.util.function.Function;

/** Applies a function to every element on the calling thread. Skips without calling it. */
final class MapOp<T, R> implements Source<R> {
  private final Source<T> input;
  private final Function<? super T, ? extends R> fn;

  MapOp(Source<T> input, Function<? super T, ? extends R> fn) {
    this.input = input;
    this.fn = fn;
  }

  @Override
  public Cursor<R> open(OpenContext context) {
    Cursor<T> in = input.open(context);
    return new Cursor<>() {
      private long index;

      @Override
      public R next() {
        T e = in.next();
        if (e == null) {
          return null;
        }
        long i = index++;
        return apply(fn, e, i, "map", context);
      }

      @Override
      public long skip(long n) {
        long k = in.skip(n);
        index += k;
        return k;
      }

      @Override
      public void close() {
        in.close();
      }
    };
  }

  /** {@code fn(e)}, with a failure or a null result reported against element {@code i}. */
  static <T, R> R apply(Function<? super T, ? extends R> fn, T e, long i, String op,
      OpenContext context) {
    R r;
    try {
      r = fn.apply(e);
    } catch (RuntimeException ex) {
      throw DatasetException.functionFailed(op, i, context, ex);
    }
    if (r == null) {
      throw new DatasetException(op + ": the function returned null for element " + i
          + " (epoch " + context.epoch() + "); datasets cannot hold nulls");
    }
    return r;
  }

  @Override
  public void describe(Fingerprint f) {
    f.add("map").add(input);
  }
}
