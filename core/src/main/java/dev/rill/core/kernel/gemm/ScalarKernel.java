package dev.rill.core.kernel.gemm;

import static dev.rill.core.kernel.gemm.MicroKernel.MR;
import static dev.rill.core.kernel.gemm.MicroKernel.NR;

import java.util.Arrays;

/**
 * Scalar twins of {@link MicroKernel} and of {@link Pack}'s vector copies, used until C2 has
 * compiled the vector code (see {@link Warmup}). Before that, each vector operation runs as an
 * allocating Java loop, about twenty times slower than this plain code.
 *
 * <p>The results are bit-identical to the vector path: each element is the same chain of
 * {@link Math#fma} over the same steps (a vector FMA is {@code Math.fma} per lane), stored or added
 * to C in the same way, so switching paths mid-run never changes a result.
 */
final class ScalarKernel {
  private ScalarKernel() {}

  /**
   * Computes a full MR x NR tile into {@code tile} (row r at {@code r * NR}) with
   * {@code A[r, p] = a[ai + r * rowStride + p * stepStride]} and B packed as for the vector kernel.
   */
  static void tile(int kc, float[] a, int ai, int rowStride, int stepStride, float[] pb, int bi,
      float[] tile) {
    Arrays.fill(tile, 0, MR * NR, 0f);
    for (int p = 0; p < kc; p++) {
      int bp = bi + p * NR;
      for (int r = 0; r < MR; r++) {
        float av = a[ai + r * rowStride + p * stepStride];
        int o = r * NR;
        for (int j = 0; j < NR; j++) {
          tile[o + j] = Math.fma(av, pb[bp + j], tile[o + j]);
        }
      }
    }
  }

  /** Same layout as {@link Pack#packTransposedA}. */
  static void packTransposedA(float[] a, int aOff, int m, int i0, int rows, int p0, int kc,
      float[] dst) {
    int src = aOff + p0 * m + i0;
    for (int p = 0, o = 0; p < kc; p++, src += m, o += MR) {
      System.arraycopy(a, src, dst, o, rows);
      Arrays.fill(dst, o + rows, o + MR, 0f);
    }
  }

  /** Same layout as {@link Pack#packB}. */
  static void packB(boolean transB, float[] b, int bOff, int n, int k, int p0, int kc, int j0,
      int nc, float[] dst, int dOff) {
    int stepStride = transB ? 1 : n;
    int colStride = transB ? k : 1;
    for (int jr = 0, d = dOff; jr < nc; jr += NR, d += kc * NR) {
      int cols = Math.min(NR, nc - jr);
      for (int p = 0, o = d; p < kc; p++, o += NR) {
        int src = bOff + (p0 + p) * stepStride + (j0 + jr) * colStride;
        if (transB) {
          for (int col = 0; col < cols; col++) {
            dst[o + col] = b[src + col * colStride];
          }
        } else {
          System.arraycopy(b, src, dst, o, cols);
        }
        Arrays.fill(dst, o + cols, o + NR, 0f);
      }
    }
  }
}
