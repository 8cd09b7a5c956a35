package dev.rill.data.dataset;

/** All but the first {@code count} elements (none when negative), as {@code skip}. */
final class SkipOp<T> implements Source<T> {
  private final Source<T> input;
  private final long count;

  SkipOp(Source<T> input, long count) {
    this.input = input;
    this.count = count;
  }

  @Override
  public Cursor<T> open(OpenContext context) {
    Cursor<T> in = input.open(context);
    return new Cursor<>() {
      private boolean skipped;

      private boolean skipFirst() {
        if (!skipped) {
          skipped = true;
          long want = count < 0 ? Long.MAX_VALUE : count;
          return in.skip(want) == want;
        }
        return true;
      }

      @Override
      public T next() {
        if (!skipFirst()) {
          return null;
        }
        return in.next();
      }

      @Override
      public long skip(long n) {
        if (!skipFirst()) {
          return 0;
        }
        return in.skip(n);
      }

      @Override
      public void close() {
        in.close();
      }
    };
  }

  @Override
  public void describe(Fingerprint f) {
    f.add("skip").add(count).add(input);
  }
}
