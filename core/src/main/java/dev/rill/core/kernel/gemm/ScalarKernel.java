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
    // 2 x 4 blocks of the tile in locals: C2 keeps the eight chains in registers, where a loop
    // over the tile in memory would load and store every element at every step
    for (int r = 0; r < MR; r += 2) {
      for (int j = 0; j < NR; j += 4) {
        block2x4(kc, a, ai + r * rowStride, rowStride, stepStride, pb, bi + j, tile, r * NR + j);
      }
    }
  }

  /** Rows {@code r, r + 1} and columns {@code j .. j + 3} of a tile; see {@link #tile}. */
  private static void block2x4(int kc, float[] a, int ai, int rowStride, int stepStride,
      float[] pb, int bi, float[] tile, int o) {
    float c00 = 0f;
    float c01 = 0f;
    float c02 = 0f;
    float c03 = 0f;
    float c10 = 0f;
    float c11 = 0f;
    float c12 = 0f;
    float c13 = 0f;
    for (int p = 0, ap = ai, bp = bi; p < kc; p++, ap += stepStride, bp += NR) {
      float a0 = a[ap];
      float a1 = a[ap + rowStride];
      float b0 = pb[bp];
      float b1 = pb[bp + 1];
      float b2 = pb[bp + 2];
      float b3 = pb[bp + 3];
      c00 = Math.fma(a0, b0, c00);
      c01 = Math.fma(a0, b1, c01);
      c02 = Math.fma(a0, b2, c02);
      c03 = Math.fma(a0, b3, c03);
      c10 = Math.fma(a1, b0, c10);
      c11 = Math.fma(a1, b1, c11);
      c12 = Math.fma(a1, b2, c12);
      c13 = Math.fma(a1, b3, c13);
    }
    tile[o] = c00;
    tile[o + 1] = c01;
    tile[o + 2] = c02;
    tile[o + 3] = c03;
    tile[o + NR] = c10;
    tile[o + NR + 1] = c11;
    tile[o + NR + 2] = c12;
    tile[o + NR + 3] = c13;
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
