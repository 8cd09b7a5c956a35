package dev.rill.data.dataset;

/** The first {@code count} elements (all when negative), as {@code take}. */
final class TakeOp<T> implements Source<T> {
  private final Source<T> input;
  private final long count;

  TakeOp(Source<T> input, long count) {
    this.input = input;
    this.count = count;
  }

  @Override
  public Cursor<T> open(OpenContext context) {
    if (count == 0) {
      return () -> null;
    }
    Cursor<T> in = input.open(context);
    return new Cursor<>() {
      private long left = count < 0 ? Long.MAX_VALUE : count;

      @Override
      public T next() {
        if (left == 0) {
          return null;
        }
        T e = in.next();
        if (e == null) {
          left = 0;
        } else {
          left--;
        }
        return e;
      }

      @Override
      public long skip(long n) {
        long k = in.skip(Math.min(n, left));
        left = k < Math.min(n, left) ? 0 : left - k;
        return k;
      }

      @Override
      public void close() {
        in.close();
      }
    };
  }

  @Override
  public void describe(Fingerprint f) {
    f.add("take").add(count).add(input);
  }
}
