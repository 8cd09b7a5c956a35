package dev.rill.core.kernel.conv;

import dev.rill.core.kernel.Parallel;

/**
 * Local response normalization across channels, in double precision. For each pixel (a row of
 * {@code depth} channels) and channel {@code d}:
 * {@code norm[d] = bias + alpha * sum(x[d']^2 for |d' - d| <= radius)} and
 * {@code y[d] = x[d] / norm[d]^beta}.
 *
 * {@snippet :
 * LrnKernel.forward(x, 64, 4, 1.0, 0.001 / 9, 0.75, y);   // CIFAR-10's norm1
 * }
 */
public final class LrnKernel {
  /** Values per parallel task. */
  private static final int GRAIN = 1 << 13;

  private LrnKernel() {}

  public static void forward(double[] x, int depth, int radius, double bias, double alpha,
      double beta, double[] y) {
    int rows = depth == 0 ? 0 : x.length / depth;
    Parallel.range(rows, Math.max(1, GRAIN / Math.max(1, depth)), (from, to) -> {
      double[] norm = new double[depth];
      for (int r = from; r < to; r++) {
        int base = r * depth;
        norms(x, base, depth, radius, bias, alpha, norm);
        for (int d = 0; d < depth; d++) {
          y[base + d] = x[base + d] * Math.pow(norm[d], -beta);
        }
      }
    });
  }

  /**
   * TensorFlow's {@code LRNGrad}: {@code dx[k] = sum over d with |k - d| <= radius of
   * dy[d] * (delta(k, d) * norm[d]^-beta - 2 alpha beta x[k] y[d] / norm[d])}.
   */
  public static void backward(double[] dy, double[] x, double[] y, int depth, int radius,
      double bias, double alpha, double beta, double[] dx) {
    int rows = depth == 0 ? 0 : x.length / depth;
    Parallel.range(rows, Math.max(1, GRAIN / Math.max(1, depth)), (from, to) -> {
      double[] norm = new double[depth];
      for (int r = from; r < to; r++) {
        int base = r * depth;
        norms(x, base, depth, radius, bias, alpha, norm);
        for (int d = 0; d < depth; d++) {
          double g = dy[base + d];
          double common = -2 * alpha * beta * y[base + d] / norm[d] * g;
          int lo = Math.max(0, d - radius);
          int hi = Math.min(depth, d + radius + 1);
          for (int k = lo; k < hi; k++) {
            dx[base + k] += common * x[base + k];
          }
          dx[base + d] += g * Math.pow(norm[d], -beta);
        }
      }
    });
  }

  /** {@code norm[d]} for every channel of the pixel that starts at {@code base}. */
  private static void norms(double[] x, int base, int depth, int radius, double bias,
      double alpha, double[] norm) {
    for (int d = 0; d < depth; d++) {
      int lo = Math.max(0, d - radius);
      int hi = Math.min(depth, d + radius + 1);
      double s = 0;
      for (int k = lo; k < hi; k++) {
        double v = x[base + k];
        s += v * v;
      }
      norm[d] = bias + alpha * s;
    }
  }
}
