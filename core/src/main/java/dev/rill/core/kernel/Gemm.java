package dev.rill.core.kernel;

/**
 * General matrix multiply on row-major arrays: {@code C = op(A) * op(B)} (C is overwritten), with
 * {@code op} an optional transpose. The float path is the hot one; doubles serve gradient checks.
 */
public final class Gemm {
  /** Rows of C per parallel task; below about 64 KFLOP per row block threads do not pay. */
  private static final int FLOPS_PER_TASK = 1 << 16;

  private Gemm() {}

  /**
   * @param transA A is stored as [k, m] instead of [m, k]
   * @param transB B is stored as [n, k] instead of [k, n]
   */
  public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
      float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      java.util.Arrays.fill(c, cOff, cOff + m * n, 0f);
      return;
    }
    float[] aa = transA ? transpose(a, aOff, k, m) : a;
    int ao = transA ? 0 : aOff;
    float[] bb = transB ? transpose(b, bOff, n, k) : b;
    int bo = transB ? 0 : bOff;
    int grain = Math.max(1, FLOPS_PER_TASK / Math.max(1, n * k));
    Parallel.range(m, grain, (from, to) -> {
      for (int i = from; i < to; i++) {
        int ci = cOff + i * n;
        java.util.Arrays.fill(c, ci, ci + n, 0f);
        int ai = ao + i * k;
        for (int p = 0; p < k; p++) {
          float av = aa[ai + p];
          int bp = bo + p * n;
          for (int j = 0; j < n; j++) {
            c[ci + j] += av * bb[bp + j];
          }
        }
      }
    });
  }

  public static void dgemm(boolean transA, boolean transB, int m, int n, int k,
      double[] a, int aOff, double[] b, int bOff, double[] c, int cOff) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          double av = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
          double bv = transB ? b[bOff + j * k + p] : b[bOff + p * n + j];
          s += av * bv;
        }
        c[cOff + i * n + j] = s;
      }
    }
  }

  /** Copies the [rows, cols] matrix at {@code off} to a new [cols, rows] array. */
  static float[] transpose(float[] x, int off, int rows, int cols) {
    float[] t = new float[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = x[off + r * cols + c];
      }
    }
    return t;
  }
}
