package dev.rill.core.kernel.gemm;

import static dev.rill.core.kernel.gemm.MicroKernel.L;
import static dev.rill.core.kernel.gemm.MicroKernel.S;

import jdk.incubator.vector.FloatVector;

/**
 * {@code C = op(A) * B} for a few rows of A, reading B in place: a layer applied to one example
 * (inference at batch 1). With so few rows each element of B is used once, so packing B, which
 * reads and writes all of it, costs more than the product; here B's rows stream by once, in
 * order, and stay in the last-level cache between calls.
 *
 * <p>Each element of C is the same FMA chain as in {@link MicroKernel}: from zero over each depth
 * block of {@code kc} steps, the first block stored and later ones added. So the rows come out
 * bit-identical to the same rows computed in a larger product.
 */
final class FewRows {
  private FewRows() {}

  /**
   * Columns {@code [j0, j1)} of C's {@code m} rows; B is {@code [k, n]} row-major.
   *
   * @param transA A is stored as [k, m]
   * @param kcStep depth per block, as the packed path uses for this k
   * @param vector use the Vector API (else Math.fma, bit-identical)
   */
  static void multiply(boolean transA, int m, int n, int k, float[] a, int aOff, float[] b,
      int bOff, float[] c, int cOff, int j0, int j1, int kcStep, boolean vector) {
    int width = j1 - j0;
    float[] acc = new float[m * width];
    for (int pc = 0; pc < k; pc += kcStep) {
      int kc = Math.min(kcStep, k - pc);
      java.util.Arrays.fill(acc, 0f);
      for (int p = pc; p < pc + kc; p++) {
        int bp = bOff + p * n + j0;
        for (int r = 0; r < m; r++) {
          float av = transA ? a[aOff + p * m + r] : a[aOff + r * k + p];
          if (vector) {
            axpy(av, b, bp, acc, r * width, width);
          } else {
            for (int j = 0; j < width; j++) {
              acc[r * width + j] = Math.fma(av, b[bp + j], acc[r * width + j]);
            }
          }
        }
      }
      for (int r = 0; r < m; r++) {
        int ci = cOff + r * n + j0;
        if (pc == 0) {
          System.arraycopy(acc, r * width, c, ci, width);
        } else {
          for (int j = 0; j < width; j++) {
            c[ci + j] += acc[r * width + j];
          }
        }
      }
    }
  }

  /** {@code t[to + j] = fma(av, b[bo + j], t[to + j])} for {@code j < len}. */
  private static void axpy(float av, float[] b, int bo, float[] t, int to, int len) {
    FloatVector a = FloatVector.broadcast(S, av);
    int j = 0;
    for (int end = S.loopBound(len); j < end; j += L) {
      a.fma(FloatVector.fromArray(S, b, bo + j), FloatVector.fromArray(S, t, to + j))
          .intoArray(t, to + j);
    }
    for (; j < len; j++) {
      t[to + j] = Math.fma(av, b[bo + j], t[to + j]);
    }
  }
}
