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
      int p = pc;
      if (m == 1 && vector) {
        // eight rows of B per pass over the sums: an eighth of the loads and stores of them
        for (; p + 8 <= pc + kc; p += 8) {
          axpy8(a, aOff + p, b, bOff + p * n + j0, n, acc, width);
        }
      }
      for (; p < pc + kc; p++) {
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

  /**
   * Eight {@link #axpy} steps in one pass: {@code t[j]} takes the FMAs of B's rows {@code bo},
   * {@code bo + n}, ... in that order, with {@code a[ao]}, {@code a[ao + 1]}, ... (the MNIST
   * dense layer at batch 1 on one thread: 300 us per product one row at a time, 235 four at a
   * time, 225 eight)
   */
  private static void axpy8(float[] a, int ao, float[] b, int bo, int n, float[] t, int len) {
    FloatVector a0 = FloatVector.broadcast(S, a[ao]);
    FloatVector a1 = FloatVector.broadcast(S, a[ao + 1]);
    FloatVector a2 = FloatVector.broadcast(S, a[ao + 2]);
    FloatVector a3 = FloatVector.broadcast(S, a[ao + 3]);
    FloatVector a4 = FloatVector.broadcast(S, a[ao + 4]);
    FloatVector a5 = FloatVector.broadcast(S, a[ao + 5]);
    FloatVector a6 = FloatVector.broadcast(S, a[ao + 6]);
    FloatVector a7 = FloatVector.broadcast(S, a[ao + 7]);
    int j = 0;
    for (int end = S.loopBound(len); j < end; j += L) {
      FloatVector acc = FloatVector.fromArray(S, t, j);
      acc = a0.fma(FloatVector.fromArray(S, b, bo + j), acc);
      acc = a1.fma(FloatVector.fromArray(S, b, bo + n + j), acc);
      acc = a2.fma(FloatVector.fromArray(S, b, bo + 2 * n + j), acc);
      acc = a3.fma(FloatVector.fromArray(S, b, bo + 3 * n + j), acc);
      acc = a4.fma(FloatVector.fromArray(S, b, bo + 4 * n + j), acc);
      acc = a5.fma(FloatVector.fromArray(S, b, bo + 5 * n + j), acc);
      acc = a6.fma(FloatVector.fromArray(S, b, bo + 6 * n + j), acc);
      acc = a7.fma(FloatVector.fromArray(S, b, bo + 7 * n + j), acc);
      acc.intoArray(t, j);
    }
    for (; j < len; j++) {
      float acc = t[j];
      for (int q = 0; q < 8; q++) {
        acc = Math.fma(a[ao + q], b[bo + q * n + j], acc);
      }
      t[j] = acc;
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
