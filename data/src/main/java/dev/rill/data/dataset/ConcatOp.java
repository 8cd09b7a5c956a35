package dev.rill.data.dataset;

/** The elements of one input, then those of another, as {@code concatenate}. */
final class ConcatOp<T> implements Source<T> {
  private final Source<? extends T> first;
  private final Source<? extends T> second;

  ConcatOp(Source<? extends T> first, Source<? extends T> second) {
    this.first = first;
    this.second = second;
  }

  @Override
  public Cursor<T> open(OpenContext context) {
    return new Cursor<>() {
      private Cursor<? extends T> current = first.open(context.child(3, 0));
      private boolean onSecond;

      @Override
      public T next() {
        while (current != null) {
          T e = current.next();
          if (e != null) {
            return e;
          }
          advance();
        }
        return null;
      }

      @Override
      public long skip(long n) {
        long k = 0;
        while (current != null && k < n) {
          k += current.skip(n - k);
          if (k < n) {
            advance();
          }
        }
        return k;
      }

      private void advance() {
        current.close();
        current = onSecond ? null : second.open(context.child(3, 1));
        onSecond = true;
      }

      @Override
      public void close() {
        if (current != null) {
          current.close();
          current = null;
        }
      }
    };
  }

  @Override
  public void describe(Fingerprint f) {
    f.add("concatenate").add(first).add(second);
  }
}
