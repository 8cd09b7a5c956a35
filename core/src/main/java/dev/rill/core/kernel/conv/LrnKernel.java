package dev.rill.core.kernel.conv;

import dev.rill.core.kernel.Parallel;

/**
 * Local response normalization across channels. For each pixel (a row of {@code depth} channels)
 * and channel {@code d}: {@code norm[d] = bias + alpha * sum(x[d']^2 for |d' - d| <= radius)} and
 * {@code y[d] = x[d] / norm[d]^beta}. Arrays are float[] or double[] (all of one type); each pixel
 * is widened to double, computed, and narrowed back, so float32 costs no extra full-size arrays.
 *
 * {@snippet :
 * LrnKernel.forward(x, 64, 4, 1.0, 0.001 / 9, 0.75, y);   // CIFAR-10's norm1
 * }
 */
public final class LrnKernel {
  /** Values per parallel task. */
  private static final int GRAIN = 1 << 13;

  private LrnKernel() {}

  public static void forward(Object x, int depth, int radius, double bias, double alpha,
      double beta, Object y) {
    int rows = depth == 0 ? 0 : length(x) / depth;
    Parallel.range(rows, Math.max(1, GRAIN / Math.max(1, depth)), (from, to) -> {
      double[] xs = new double[depth];
      double[] norm = new double[depth];
      double[] out = new double[depth];
      for (int r = from; r < to; r++) {
        int base = r * depth;
        load(x, base, xs);
        norms(xs, radius, bias, alpha, norm);
        for (int d = 0; d < depth; d++) {
          out[d] = xs[d] * negPow(norm[d], beta);
        }
        store(out, y, base);
      }
    });
  }

  /**
   * TensorFlow's {@code LRNGrad}: {@code dx[k] = sum over d with |k - d| <= radius of
   * dy[d] * (delta(k, d) * norm[d]^-beta - 2 alpha beta x[k] y[d] / norm[d])}.
   */
  public static void backward(Object dy, Object x, Object y, int depth, int radius, double bias,
      double alpha, double beta, Object dx) {
    int rows = depth == 0 ? 0 : length(x) / depth;
    Parallel.range(rows, Math.max(1, GRAIN / Math.max(1, depth)), (from, to) -> {
      double[] gs = new double[depth];
      double[] xs = new double[depth];
      double[] ys = new double[depth];
      double[] norm = new double[depth];
      double[] out = new double[depth];
      for (int r = from; r < to; r++) {
        int base = r * depth;
        load(dy, base, gs);
        load(x, base, xs);
        load(y, base, ys);
        norms(xs, radius, bias, alpha, norm);
        java.util.Arrays.fill(out, 0);
        for (int d = 0; d < depth; d++) {
          double g = gs[d];
          double common = -2 * alpha * beta * ys[d] / norm[d] * g;
          int lo = Math.max(0, d - radius);
          int hi = Math.min(depth, d + radius + 1);
          for (int k = lo; k < hi; k++) {
            out[k] += common * xs[k];
          }
          out[d] += g * negPow(norm[d], beta);
        }
        store(out, dx, base);
      }
    });
  }

  /** {@code n^-beta}; the common betas (CIFAR-10's 0.75, the default 0.5, 1) skip pow. */
  static double negPow(double n, double beta) {
    if (beta == 0.75) {
      double r = Math.sqrt(n);
      return 1 / (r * Math.sqrt(r));
    }
    if (beta == 0.5) {
      return 1 / Math.sqrt(n);
    }
    if (beta == 1) {
      return 1 / n;
    }
    return Math.pow(n, -beta);
  }

  /** {@code norm[d]} for every channel of one pixel, from a running window sum of squares. */
  private static void norms(double[] x, int radius, double bias, double alpha, double[] norm) {
    int depth = x.length;
    double s = 0;
    for (int k = 0; k < Math.min(depth, radius); k++) {
      s += x[k] * x[k];
    }
    for (int d = 0; d < depth; d++) {
      int enter = d + radius;
      int leave = d - radius - 1;
      if (enter < depth) {
        s += x[enter] * x[enter];
      }
      if (leave >= 0) {
        s -= x[leave] * x[leave];
      }
      // the running difference can dip just below zero when large values leave the window
      norm[d] = bias + alpha * Math.max(s, 0);
    }
  }

  private static int length(Object a) {
    return a instanceof float[] f ? f.length : ((double[]) a).length;
  }

  private static void load(Object src, int off, double[] dst) {
    if (src instanceof float[] f) {
      for (int i = 0; i < dst.length; i++) {
        dst[i] = f[off + i];
      }
    } else {
      System.arraycopy(src, off, dst, 0, dst.length);
    }
  }

  private static void store(double[] src, Object dst, int off) {
    if (dst instanceof float[] f) {
      for (int i = 0; i < src.length; i++) {
        f[off + i] = (float) src[i];
      }
    } else {
      System.arraycopy(src, 0, dst, off, src.length);
    }
  }
}
