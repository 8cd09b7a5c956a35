package dev.rill.core.ops.math;

import dev.rill.core.kernel.Parallel;

/**
 * Complex64 arithmetic on interleaved (real, imaginary) float arrays, for the elementwise kernels.
 * Each function computes in double and rounds the parts to float once, so results sit within half
 * an ulp of the exact value (TensorFlow computes in float, so the two may differ by an ulp).
 *
 * {@snippet :
 * float[] out = new float[2];
 * ComplexMath.MUL.apply(1, 2, 3, 4, out, 0);   // (1+2i)(3+4i) = -5+10i
 * }
 */
public final class ComplexMath {
  private ComplexMath() {}

  /** {@code out[o], out[o+1] = f(re + i im)}. */
  @FunctionalInterface
  public interface Unary {
    void apply(float re, float im, float[] out, int o);
  }

  /** {@code out[o], out[o+1] = f(ar + i ai, br + i bi)}. */
  @FunctionalInterface
  public interface Binary {
    void apply(float ar, float ai, float br, float bi, float[] out, int o);
  }

  public static final Binary ADD = (ar, ai, br, bi, out, o) -> {
    out[o] = ar + br;
    out[o + 1] = ai + bi;
  };

  public static final Binary SUB = (ar, ai, br, bi, out, o) -> {
    out[o] = ar - br;
    out[o + 1] = ai - bi;
  };

  public static final Binary MUL = (ar, ai, br, bi, out, o) -> {
    out[o] = (float) ((double) ar * br - (double) ai * bi);
    out[o + 1] = (float) ((double) ar * bi + (double) ai * br);
  };

  /**
   * Division. A zero divisor follows C99's Annex G, as TensorFlow's std::complex does:
   * (a+bi)/0 is (a·inf, b·inf), so (0+1i)/0 is (NaN, inf).
   */
  public static final Binary DIV = (ar, ai, br, bi, out, o) -> {
    double den = (double) br * br + (double) bi * bi;
    if (den == 0 && !(Float.isNaN(ar) && Float.isNaN(ai))) {
      double inf = Math.copySign(Double.POSITIVE_INFINITY, br);
      out[o] = (float) (inf * ar);
      out[o + 1] = (float) (inf * ai);
      return;
    }
    out[o] = (float) (((double) ar * br + (double) ai * bi) / den);
    out[o + 1] = (float) (((double) ai * br - (double) ar * bi) / den);
  };

  public static final Unary NEG = (re, im, out, o) -> {
    out[o] = -re;
    out[o + 1] = -im;
  };

  public static final Unary SQUARE = (re, im, out, o) -> MUL.apply(re, im, re, im, out, o);

  /** e^(a+bi) = e^a (cos b + i sin b). */
  public static final Unary EXP = (re, im, out, o) -> {
    double m = Math.exp(re);
    out[o] = (float) (m * Math.cos(im));
    out[o + 1] = (float) (m * Math.sin(im));
  };

  public static final Unary CONJ = (re, im, out, o) -> {
    out[o] = re;
    out[o + 1] = -im;
  };

  /** Applies {@code f} to every complex element of {@code src} (interleaved) into {@code dst}. */
  static void map(float[] src, float[] dst, Unary f) {
    if (f == null) {
      throw new IllegalStateException("no complex kernel");
    }
    int n = src.length / 2;
    Parallel.range(n, Elementwise.GRAIN, (from, to) -> {
      for (int i = from; i < to; i++) {
        f.apply(src[2 * i], src[2 * i + 1], dst, 2 * i);
      }
    });
  }
}
