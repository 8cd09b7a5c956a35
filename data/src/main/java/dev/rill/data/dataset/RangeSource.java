package dev.rill.data.dataset;

/** {@code start, start + step, ...} up to but excluding {@code stop}, as {@code Dataset.range}. */
final class RangeSource implements Source<Long> {
  private final long start;
  private final long stop;
  private final long step;

  RangeSource(long start, long stop, long step) {
    if (step == 0) {
      throw new IllegalArgumentException("range: step must not be 0");
    }
    this.start = start;
    this.stop = stop;
    this.step = step;
  }

  private long size() {
    if (step > 0 ? start >= stop : start <= stop) {
      return 0;
    }
    long span = step > 0 ? stop - start : start - stop;
    long s = Math.abs(step);
    return (span + s - 1) / s;
  }

  @Override
  public Cursor<Long> open(OpenContext context) {
    long n = size();
    return new Cursor<>() {
      private long i;

      @Override
      public Long next() {
        return i < n ? start + step * i++ : null;
      }

      @Override
      public long skip(long k) {
        long s = Math.min(k, n - i);
        i += s;
        return s;
      }
    };
  }

  @Override
  public void describe(Fingerprint f) {
    f.add("range").add(start).add(stop).add(step);
  }
}
