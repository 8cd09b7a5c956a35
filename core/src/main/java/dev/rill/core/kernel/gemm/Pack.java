package dev.rill.core.kernel.gemm;

import static dev.rill.core.kernel.gemm.MicroKernel.L;
import static dev.rill.core.kernel.gemm.MicroKernel.MR;
import static dev.rill.core.kernel.gemm.MicroKernel.NR;
import static dev.rill.core.kernel.gemm.MicroKernel.S;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Copies parts of {@code op(A)} and {@code op(B)} into the order the micro-kernel reads them.
 * Transposition is absorbed here: each case reads the source along whichever axis is contiguous,
 * so no transposed copy of a whole operand is ever made. A row-major A needs no packing (the
 * kernel reads its rows in place) except for a last partial panel. Rows or columns past the edge
 * of the matrix are written as zeros; they only feed tile lanes that are never stored.
 */
final class Pack {
  private Pack() {}

  /**
   * Packs one micro-panel of a transposed A (stored {@code [k, m]}): rows {@code [i0, i0 + rows)}
   * and depth {@code [p0, p0 + kc)} of {@code op(A)}, as {@code kc} steps of MR values. The rows of
   * one step are adjacent in the source, so each step is one masked vector copy per L rows; masked
   * off rows load as zeros.
   */
  static void packTransposedA(float[] a, int aOff, int m, int i0, int rows, int p0, int kc,
      float[] dst) {
    int src = aOff + p0 * m + i0;
    for (int r0 = 0; r0 < MR; r0 += L) {
      VectorMask<Float> load = S.indexInRange(r0, rows);
      VectorMask<Float> store = S.indexInRange(r0, MR);
      for (int p = 0, s = src + r0, o = r0; p < kc; p++, s += m, o += MR) {
        FloatVector.fromArray(S, a, s, load).intoArray(dst, o, store);
      }
    }
  }

  /**
   * Copies the last, partial row panel of a row-major A ({@code rows < MR} rows of {@code kc}
   * values, {@code lda} apart) to MR rows of {@code kc} values, the missing rows as zeros.
   */
  static void copyEdgeRows(float[] a, int ai, int lda, int rows, int kc, float[] dst) {
    for (int r = 0; r < rows; r++) {
      System.arraycopy(a, ai + r * lda, dst, r * kc, kc);
    }
    Arrays.fill(dst, rows * kc, MR * kc, 0f);
  }

  /**
   * Packs depth {@code [p0, p0 + kc)} and columns {@code [j0, j0 + nc)} of {@code op(B)} (a
   * {@code [k, n]} matrix) into {@code ceil(nc / NR)} micro-panels of {@code kc * NR} values, step
   * {@code p} of a panel holding its NR columns side by side: two vector copies per step, or a
   * column-by-column copy when B is stored transposed.
   */
  static void packB(boolean transB, float[] b, int bOff, int n, int k, int p0, int kc, int j0,
      int nc, float[] dst, int dOff) {
    for (int jr = 0, d = dOff; jr < nc; jr += NR, d += kc * NR) {
      int cols = Math.min(NR, nc - jr);
      if (cols < NR) {
        packEdgeB(transB, b, bOff, n, k, p0, kc, j0 + jr, cols, dst, d);
      } else if (transB) {
        packTransposedPanel(b, bOff + (j0 + jr) * k + p0, k, kc, dst, d);
      } else {
        for (int p = 0, o = d, src = bOff + p0 * n + j0 + jr; p < kc; p++, o += NR, src += n) {
          FloatVector.fromArray(S, b, src).intoArray(dst, o);
          FloatVector.fromArray(S, b, src + L).intoArray(dst, o + L);
        }
      }
    }
  }

  /**
   * One full panel of a B stored {@code [n, k]}: column {@code col} of the panel is the
   * contiguous run {@code b[src + col * k ..]}. Whole 16-step blocks are transposed in registers
   * where vectors are 16 wide; the rest is copied column by column, each read along the depth and
   * written strided into the panel (gathers are slower).
   */
  private static void packTransposedPanel(float[] b, int src, int k, int kc, float[] dst, int d) {
    int p = 0;
    if (Transpose16.APPLIES) {
      for (; p + Transpose16.N <= kc; p += Transpose16.N) {
        for (int col = 0; col < NR; col += Transpose16.N) {
          Transpose16.block(b, src + col * k + p, k, dst, d + p * NR + col, NR);
        }
      }
    }
    for (int col = 0; col < NR; col++) {
      for (int q = p, o = d + p * NR + col; q < kc; q++, o += NR) {
        dst[o] = b[src + col * k + q];
      }
    }
  }

  /** The last, partial panel: {@code cols < NR} columns from {@code j}, the rest zeros. */
  private static void packEdgeB(boolean transB, float[] b, int bOff, int n, int k, int p0, int kc,
      int j, int cols, float[] dst, int d) {
    int stepStride = transB ? 1 : n;
    int colStride = transB ? k : 1;
    for (int p = 0, o = d; p < kc; p++, o += NR) {
      int src = bOff + (p0 + p) * stepStride + j * colStride;
      for (int col = 0; col < cols; col++) {
        dst[o + col] = b[src + col * colStride];
      }
      Arrays.fill(dst, o + cols, o + NR, 0f);
    }
  }
}
