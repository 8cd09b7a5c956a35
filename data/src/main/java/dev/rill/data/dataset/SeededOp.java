package dev.rill.data.dataset;

/**
 * Pairs every element with a seed of its own, from the user's seed, the opening's key (so it
 * changes per epoch and repetition) and the element's index.
 */
final class SeededOp<T> implements Source<Seeded<T>> {
  private final Source<T> input;
  private final long seed;

  SeededOp(Source<T> input, long seed) {
    this.input = input;
    this.seed = seed;
  }

  @Override
  public Cursor<Seeded<T>> open(OpenContext context) {
    Cursor<T> in = input.open(context);
    long base = context.seed(seed);
    return new Cursor<>() {
      private long index;

      @Override
      public Seeded<T> next() {
        T e = in.next();
        return e == null ? null : new Seeded<>(e, SplitMix.mix(base, index++));
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

  @Override
  public void describe(Fingerprint f) {
    f.add("seeded").add(seed).add(input);
  }
}
