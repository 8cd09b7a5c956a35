package dev.rill.core.ops.nn;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import dev.rill.core.kernel.BufferPool;
import dev.rill.core.kernel.Parallel;

/**
 * Row kernels over the last axis: softmax and log-softmax, shifted by the row maximum so that
 * logits of any size stay finite. Sums run in double; float32 results are rounded once at the end.
 */
final class SoftmaxKernel {
  /** About this many elements per parallel chunk. */
  static final int GRAIN = 1 << 14;

  private SoftmaxKernel() {}

  /** Rows of {@code classes} elements handled at once, so each chunk holds about GRAIN elements. */
  static int rowGrain(int classes) {
    return Math.max(1, GRAIN / Math.max(1, classes));
  }

  /** Softmax (or log-softmax) of every row of the last axis of a rank >= 1 tensor. */
  static Tensor run(Tensor x, boolean log) {
    int rank = x.rank();
    int classes = x.shape().dim(rank - 1);
    int rows = classes == 0 ? 0 : x.size() / classes;
    if (x.dtype() == DType.FLOAT32) {
      float[] in = x.floatData();
      float[] out = BufferPool.floats(in.length);
      Parallel.range(rows, rowGrain(classes), (from, to) -> {
        for (int r = from; r < to; r++) {
          rowFloat(in, r * classes, classes, out, log);
        }
      });
      return Tensor.wrap(DType.FLOAT32, x.shape(), out);
    }
    double[] in = x.doubleData();
    double[] out = new double[in.length];
    Parallel.range(rows, rowGrain(classes), (from, to) -> {
      for (int r = from; r < to; r++) {
        rowDouble(in, r * classes, classes, out, log);
      }
    });
    return Tensor.wrap(DType.FLOAT64, x.shape(), out);
  }

  static float maxFloat(float[] x, int off, int n) {
    float m = Float.NEGATIVE_INFINITY;
    for (int j = off; j < off + n; j++) {
      // Math.max keeps a NaN, so a NaN logit poisons its row as it does in TensorFlow
      m = Math.max(m, x[j]);
    }
    return m;
  }

  static double maxDouble(double[] x, int off, int n) {
    double m = Double.NEGATIVE_INFINITY;
    for (int j = off; j < off + n; j++) {
      m = Math.max(m, x[j]);
    }
    return m;
  }

  /** sum_j exp(x_j - max) over a row. */
  private static double sumExpFloat(float[] x, int off, int n, float max) {
    double s = 0;
    for (int j = off; j < off + n; j++) {
      s += Math.exp(x[j] - max);
    }
    return s;
  }

  private static double sumExpDouble(double[] x, int off, int n, double max) {
    double s = 0;
    for (int j = off; j < off + n; j++) {
      s += Math.exp(x[j] - max);
    }
    return s;
  }

  private static void rowFloat(float[] x, int off, int n, float[] out, boolean log) {
    float max = maxFloat(x, off, n);
    if (log) {
      double lse = Math.log(sumExpFloat(x, off, n, max));
      for (int j = off; j < off + n; j++) {
        out[j] = (float) ((x[j] - max) - lse);
      }
      return;
    }
    // keep each exponential in the output so it is computed once
    double sum = 0;
    for (int j = off; j < off + n; j++) {
      double e = Math.exp(x[j] - max);
      out[j] = (float) e;
      sum += e;
    }
    float inv = (float) (1 / sum);
    for (int j = off; j < off + n; j++) {
      out[j] *= inv;
    }
  }

  private static void rowDouble(double[] x, int off, int n, double[] out, boolean log) {
    double max = maxDouble(x, off, n);
    if (log) {
      double lse = Math.log(sumExpDouble(x, off, n, max));
      for (int j = off; j < off + n; j++) {
        out[j] = (x[j] - max) - lse;
      }
      return;
    }
    double sum = 0;
    for (int j = off; j < off + n; j++) {
      out[j] = Math.exp(x[j] - max);
      sum += out[j];
    }
    for (int j = off; j < off + n; j++) {
      out[j] /= sum;
    }
  }
}
