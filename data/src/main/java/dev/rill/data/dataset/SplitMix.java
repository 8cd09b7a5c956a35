package dev.rill.data.dataset;

/**
 * SplitMix64, written out here rather than taken from the JDK so that a seeded pipeline draws the
 * same numbers on every Java version: restoring a saved position replays them.
 */
final class SplitMix {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private long state;

  SplitMix(long seed) {
    this.state = seed;
  }

  /** The SplitMix64 finaliser: a bijective, well-mixed hash of one long. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Mixes two values into one, order-sensitively. */
  static long mix(long a, long b) {
    return mix(mix(a) + GOLDEN * (b + 1));
  }

  long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  /** Uniform in {@code [0, bound)}: 31 random bits, redrawn when they would favour small values. */
  int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    int m = bound - 1;
    int r = (int) (nextLong() >>> 33);
    if ((bound & m) == 0) {
      return (int) ((bound * (long) r) >> 31);
    }
    for (int u = r; u - (r = u % bound) + m < 0; u = (int) (nextLong() >>> 33)) {
      // the draw fell in the incomplete last block of the range
    }
    return r;
  }
}
