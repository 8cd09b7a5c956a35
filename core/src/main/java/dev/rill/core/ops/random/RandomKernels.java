package dev.rill.core.ops.random;

/**
 * Fills ranges of an output array with random values. Element {@code i} depends only on
 * (seed, counter, i): any split of {@code [0, n)} into ranges, on any threads, gives the same array.
 *
 * {@snippet :
 * float[] out = new float[10];
 * RandomKernels.uniform(42, 0, out, 0, 4);    // the same values as filling [0, 10) at once
 * RandomKernels.uniform(42, 0, out, 4, 10);
 * }
 */
public final class RandomKernels {
  /** Truncated normal values lie strictly within this many standard deviations. */
  public static final double TRUNCATE = 2.0;
  /** Resampling rounds before giving up; each round fails with probability below 5e-6. */
  private static final int MAX_ATTEMPTS = 100;
  private static final double TWO_PI = 2 * Math.PI;

  private RandomKernels() {}

  /** Uniform in [0, 1): four values per Philox block. */
  public static void uniform(long seed, long counter, float[] out, int from, int to) {
    int[] w = new int[4];
    int cur = -1;
    for (int i = from; i < to; i++) {
      int b = i >>> 2;
      if (b != cur) {
        Philox.block(seed, counter, b, 0, w);
        cur = b;
      }
      out[i] = Philox.unitFloat(w[i & 3]);
    }
  }

  /**
   * {@code out[i] = u[i] >= threshold} for the float32 uniforms {@code u} that
   * {@link #uniform(long, long, float[], int, int)} gives: a dropout keep mask without the uniforms.
   */
  public static void atLeast(long seed, long counter, float threshold, boolean[] out, int from,
      int to) {
    int[] w = new int[4];
    int i = from;
    if ((i & 3) != 0 && i < to) {
      Philox.block(seed, counter, i >>> 2, 0, w);
      for (; (i & 3) != 0 && i < to; i++) {
        out[i] = Philox.unitFloat(w[i & 3]) >= threshold;
      }
    }
    for (; i + 4 <= to; i += 4) {
      Philox.block(seed, counter, i >>> 2, 0, w);
      out[i] = Philox.unitFloat(w[0]) >= threshold;
      out[i + 1] = Philox.unitFloat(w[1]) >= threshold;
      out[i + 2] = Philox.unitFloat(w[2]) >= threshold;
      out[i + 3] = Philox.unitFloat(w[3]) >= threshold;
    }
    if (i < to) {
      Philox.block(seed, counter, i >>> 2, 0, w);
      for (; i < to; i++) {
        out[i] = Philox.unitFloat(w[i & 3]) >= threshold;
      }
    }
  }

  /** Like {@link #atLeast(long, long, float, boolean[], int, int)} for the float64 uniforms. */
  public static void atLeast(long seed, long counter, double threshold, boolean[] out, int from,
      int to) {
    int[] w = new int[4];
    int cur = -1;
    for (int i = from; i < to; i++) {
      int b = i >>> 1;
      if (b != cur) {
        Philox.block(seed, counter, b, 0, w);
        cur = b;
      }
      int q = (i & 1) << 1;
      out[i] = Philox.unitDouble(w[q], w[q + 1]) >= threshold;
    }
  }

  /** Uniform in [0, 1) with 53 random bits: two values per block. */
  public static void uniform(long seed, long counter, double[] out, int from, int to) {
    int[] w = new int[4];
    int cur = -1;
    for (int i = from; i < to; i++) {
      int b = i >>> 1;
      if (b != cur) {
        Philox.block(seed, counter, b, 0, w);
        cur = b;
      }
      int q = (i & 1) << 1;
      out[i] = Philox.unitDouble(w[q], w[q + 1]);
    }
  }

  /** Standard normal by Box-Muller: each block gives two pairs, so four values. */
  public static void normal(long seed, long counter, float[] out, int from, int to) {
    int[] w = new int[4];
    int cur = -1;
    for (int i = from; i < to; i++) {
      int b = i >>> 2;
      if (b != cur) {
        Philox.block(seed, counter, b, 0, w);
        cur = b;
      }
      int q = i & 2;
      out[i] = (float) boxMuller(Philox.openUnit(w[q]), Philox.unit32(w[q + 1]), (i & 1) != 0);
    }
  }

  /** Standard normal by Box-Muller from 53-bit uniforms: each block gives one pair. */
  public static void normal(long seed, long counter, double[] out, int from, int to) {
    int[] w = new int[4];
    int cur = -1;
    for (int i = from; i < to; i++) {
      int b = i >>> 1;
      if (b != cur) {
        Philox.block(seed, counter, b, 0, w);
        cur = b;
      }
      out[i] = boxMuller(Philox.openUnitDouble(w[0], w[1]), Philox.unitDouble(w[2], w[3]),
          (i & 1) != 0);
    }
  }

  /**
   * Standard normal restricted to (-2, 2). Element i draws candidates from its own blocks
   * (index i, attempt 1, 2, ...) until one falls inside, so it never depends on its neighbours.
   */
  public static void truncatedNormal(long seed, long counter, float[] out, int from, int to) {
    int[] w = new int[4];
    for (int i = from; i < to; i++) {
      out[i] = (float) truncated(seed, counter, i, w, false);
    }
  }

  public static void truncatedNormal(long seed, long counter, double[] out, int from, int to) {
    int[] w = new int[4];
    for (int i = from; i < to; i++) {
      out[i] = truncated(seed, counter, i, w, true);
    }
  }

  /** Uniform integers in [minval, maxval): 64 random bits scaled by a multiply-high. */
  public static void uniformInt(long seed, long counter, long minval, long maxval, int[] out,
      int from, int to) {
    long range = maxval - minval;
    int[] w = new int[4];
    int cur = -1;
    for (int i = from; i < to; i++) {
      int b = i >>> 1;
      if (b != cur) {
        Philox.block(seed, counter, b, 0, w);
        cur = b;
      }
      int q = (i & 1) << 1;
      out[i] = (int) (minval + Math.unsignedMultiplyHigh(Philox.bits64(w[q], w[q + 1]), range));
    }
  }

  public static void uniformInt(long seed, long counter, long minval, long maxval, long[] out,
      int from, int to) {
    // maxval - minval may exceed Long.MAX_VALUE; as an unsigned number it is still right
    long range = maxval - minval;
    int[] w = new int[4];
    int cur = -1;
    for (int i = from; i < to; i++) {
      int b = i >>> 1;
      if (b != cur) {
        Philox.block(seed, counter, b, 0, w);
        cur = b;
      }
      int q = (i & 1) << 1;
      out[i] = minval + Math.unsignedMultiplyHigh(Philox.bits64(w[q], w[q + 1]), range);
    }
  }

  /** One of the pair {@code sqrt(-2 ln u1) (cos, sin)(2 pi u2)}, with u1 in (0, 1]. */
  private static double boxMuller(double u1, double u2, boolean second) {
    double r = Math.sqrt(-2 * Math.log(u1));
    double theta = TWO_PI * u2;
    return second ? r * Math.sin(theta) : r * Math.cos(theta);
  }

  private static double truncated(long seed, long counter, int i, int[] w, boolean wide) {
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      Philox.block(seed, counter, i, attempt, w);
      if (wide) {
        double u1 = Philox.openUnitDouble(w[0], w[1]);
        double u2 = Philox.unitDouble(w[2], w[3]);
        for (int k = 0; k < 2; k++) {
          double z = boxMuller(u1, u2, k == 1);
          if (Math.abs(z) < TRUNCATE) {
            return z;
          }
        }
      } else {
        for (int k = 0; k < 4; k++) {
          int q = k & 2;
          double z = boxMuller(Philox.openUnit(w[q]), Philox.unit32(w[q + 1]), (k & 1) != 0);
          // the float32 result must be inside too, not only the double it rounds from
          if (Math.abs((float) z) < TRUNCATE) {
            return z;
          }
        }
      }
    }
    throw new IllegalStateException("TruncatedNormal: no value within " + TRUNCATE
        + " standard deviations after " + MAX_ATTEMPTS + " rounds (element " + i + ")");
  }
}
