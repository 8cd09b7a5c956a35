package dev.rill.core.ops.nn;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.kernel.BufferPool;
import dev.rill.core.kernel.Parallel;

/**
 * Loops for fused batch normalisation over NHWC data seen as [rows, channels]. Per-channel sums are
 * accumulated in double over fixed blocks of rows and then added in block order, so results do not
 * depend on the number of threads.
 */
final class BatchNormKernel {
  /** Rows per partial sum. */
  private static final int BLOCK = 256;
  /** Elements per parallel chunk, roughly. */
  private static final int GRAIN = 1 << 15;

  private BatchNormKernel() {}

  /** Adds the sums of rows {@code [from, to)} into {@code acc}. */
  @FunctionalInterface
  private interface BlockSum {
    void add(int from, int to, double[] acc);
  }

  /** Per-channel sums of width {@code width}, computed block by block, added in a fixed order. */
  private static double[] blocked(int rows, int channels, int width, BlockSum body) {
    int blocks = (rows + BLOCK - 1) / BLOCK;
    double[][] parts = new double[blocks][];
    int grain = Math.max(1, GRAIN / (BLOCK * Math.max(1, channels)));
    Parallel.range(blocks, grain, (from, to) -> {
      for (int b = from; b < to; b++) {
        double[] acc = new double[width];
        body.add(b * BLOCK, Math.min(rows, (b + 1) * BLOCK), acc);
        parts[b] = acc;
      }
    });
    double[] total = new double[width];
    for (double[] p : parts) {
      for (int k = 0; k < width; k++) {
        total[k] += p[k];
      }
    }
    return total;
  }

  /** Per-channel mean and biased variance (two passes, for accuracy). */
  static double[][] moments(Tensor x, int rows, int c) {
    double[] mean = new double[c];
    double[] var = new double[c];
    if (rows == 0) {
      return new double[][] {mean, var};
    }
    double[] s;
    double[] q;
    if (x.dtype() == DType.FLOAT32) {
      float[] v = x.floatData();
      s = blocked(rows, c, c, (from, to, acc) -> {
        for (int r = from; r < to; r++) {
          for (int k = 0, i = r * c; k < c; k++, i++) {
            acc[k] += v[i];
          }
        }
      });
      scale(s, mean, 1.0 / rows);
      q = blocked(rows, c, c, (from, to, acc) -> {
        for (int r = from; r < to; r++) {
          for (int k = 0, i = r * c; k < c; k++, i++) {
            double d = v[i] - mean[k];
            acc[k] += d * d;
          }
        }
      });
    } else {
      double[] v = x.doubleData();
      s = blocked(rows, c, c, (from, to, acc) -> {
        for (int r = from; r < to; r++) {
          for (int k = 0, i = r * c; k < c; k++, i++) {
            acc[k] += v[i];
          }
        }
      });
      scale(s, mean, 1.0 / rows);
      q = blocked(rows, c, c, (from, to, acc) -> {
        for (int r = from; r < to; r++) {
          for (int k = 0, i = r * c; k < c; k++, i++) {
            double d = v[i] - mean[k];
            acc[k] += d * d;
          }
        }
      });
    }
    scale(q, var, 1.0 / rows);
    return new double[][] {mean, var};
  }

  /**
   * Per channel: {@code sum(dy)} in [0, c) and {@code sum(dy * (x - mean))} in [c, 2c).
   */
  static double[] gradSums(Tensor dy, Tensor x, double[] mean, int rows, int c) {
    if (rows == 0) {
      return new double[2 * c];
    }
    if (x.dtype() == DType.FLOAT32) {
      float[] g = dy.floatData();
      float[] v = x.floatData();
      return blocked(rows, c, 2 * c, (from, to, acc) -> {
        for (int r = from; r < to; r++) {
          for (int k = 0, i = r * c; k < c; k++, i++) {
            acc[k] += g[i];
            acc[c + k] += g[i] * (v[i] - mean[k]);
          }
        }
      });
    }
    double[] g = dy.doubleData();
    double[] v = x.doubleData();
    return blocked(rows, c, 2 * c, (from, to, acc) -> {
      for (int r = from; r < to; r++) {
        for (int k = 0, i = r * c; k < c; k++, i++) {
          acc[k] += g[i];
          acc[c + k] += g[i] * (v[i] - mean[k]);
        }
      }
    });
  }

  /** {@code out = a * (x - mean) + b}, per channel: the normalisation itself. */
  static Tensor affine(Tensor x, double[] mean, double[] a, double[] b, int c) {
    return combine(null, null, x, mean, a, b, c);
  }

  /**
   * {@code out = k1 * dy + k2 * (x - mean) + k3}, per channel: the input gradient (and, with a
   * null {@code dy}, the forward affine map).
   */
  static Tensor combine(Tensor dy, double[] k1, Tensor x, double[] mean, double[] k2, double[] k3,
      int c) {
    int n = x.size();
    Shape shape = x.shape();
    int rows = c == 0 ? 0 : n / c;
    int grain = Math.max(1, GRAIN / Math.max(1, c));
    if (x.dtype() == DType.FLOAT32) {
      float[] v = x.floatData();
      float[] g = dy == null ? null : dy.floatData();
      float[] out = BufferPool.floats(n);
      Parallel.range(rows, grain, (from, to) -> {
        for (int r = from; r < to; r++) {
          for (int k = 0, i = r * c; k < c; k++, i++) {
            double t = k2[k] * (v[i] - mean[k]) + k3[k];
            out[i] = (float) (g == null ? t : t + k1[k] * g[i]);
          }
        }
      });
      return Tensor.wrap(DType.FLOAT32, shape, out);
    }
    double[] v = x.doubleData();
    double[] g = dy == null ? null : dy.doubleData();
    double[] out = new double[n];
    Parallel.range(rows, grain, (from, to) -> {
      for (int r = from; r < to; r++) {
        for (int k = 0, i = r * c; k < c; k++, i++) {
          double t = k2[k] * (v[i] - mean[k]) + k3[k];
          out[i] = g == null ? t : t + k1[k] * g[i];
        }
      }
    });
    return Tensor.wrap(DType.FLOAT64, shape, out);
  }

  private static void scale(double[] in, double[] out, double f) {
    for (int k = 0; k < in.length; k++) {
      out[k] = in[k] * f;
    }
  }

  /** A per-channel vector in the parameter dtype. */
  static Tensor vector(DType dtype, double[] v) {
    if (dtype == DType.FLOAT32) {
      float[] f = new float[v.length];
      for (int k = 0; k < v.length; k++) {
        f[k] = (float) v[k];
      }
      return Tensor.wrap(dtype, Shape.of(v.length), f);
    }
    return Tensor.wrap(dtype, Shape.of(v.length), v.clone());
  }
}
