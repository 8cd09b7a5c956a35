package dev.rill.core.kernel;

import dev.rill.core.kernel.gemm.Sgemm;
import java.util.Arrays;

/**
 * General matrix multiply on row-major arrays: {@code C = op(A) * op(B)} (C is overwritten), with
 * {@code op} an optional transpose. The float path is the hot one: large products go to the packed,
 * vectorized, parallel {@link Sgemm}; small ones take a plain loop that needs no packing. Doubles
 * serve gradient checks and take a plain loop.
 *
 * <p>Results are deterministic: the same inputs give bit-identical outputs whatever the number of
 * threads, and whether or not the JIT has compiled the vector code yet (in a fresh JVM the first
 * two seconds or so run on scalar code that computes the same FMA chains). Zeros are never
 * skipped, so {@code 0 * NaN} and {@code 0 * Inf} give NaN as IEEE says.
 *
 * {@snippet :
 * // [2, 3] x [3, 2]
 * float[] a = {1, 2, 3, 4, 5, 6};
 * float[] b = {1, 0, 0, 1, 1, 1};
 * float[] c = new float[4];
 * Gemm.sgemm(false, false, 2, 2, 3, a, 0, b, 0, c, 0); // c = {4, 5, 10, 11}
 * }
 */
public final class Gemm {
  /**
   * Below this many multiply-adds the plain loop wins; measured, the packed path is already ahead
   * at 8 x 8 x 8.
   */
  static final long SMALL_MNK = 512;
  /** Work per parallel task, in FLOPs: less and forking costs more than it gains. */
  private static final long FLOPS_PER_TASK = 4L << 20;
  /** Elements of B a few-row product streams per task. */
  private static final long FEW_ROWS_B_PER_TASK = 1L << 19;
  /** Tasks per thread, so a thread slowed by other load leaves its share to the others. */
  private static final int TASKS_PER_THREAD = 4;

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
      Arrays.fill(c, cOff, cOff + m * n, 0f);
      return;
    }
    long mnk = (long) m * n * k;
    if (mnk < SMALL_MNK) {
      small(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff);
      return;
    }
    Sgemm.multiply(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, tasks(m, n, k));
  }

  /**
   * Computes {@code C = op(A) * B} with B packed once by {@link Sgemm#packB}, for callers that
   * multiply many blocks of rows by the same matrix (a convolution's filter).
   */
  public static void sgemm(boolean transA, int m, float[] a, int aOff, Sgemm.PackedB b, float[] c,
      int cOff) {
    if (m == 0) {
      return;
    }
    Sgemm.multiply(transA, m, a, aOff, b, c, cOff, tasks(m, b.n(), b.k()));
  }

  /** Tasks to cut a product into: none inside a parallel loop, else enough to share the work. */
  private static int tasks(int m, int n, int k) {
    if (Parallel.inPool()) {
      return 1;
    }
    long mnk = (long) m * n * k;
    long tasks = Math.min((long) Parallel.threads() * TASKS_PER_THREAD, 2 * mnk / FLOPS_PER_TASK);
    if (m <= Sgemm.FEW_ROWS) {
      // streaming B is bound by memory, not by the few FLOPs: share a large B between the cores
      tasks = Math.max(tasks, Math.min(Parallel.threads(), (long) n * k / FEW_ROWS_B_PER_TASK));
    }
    return (int) Math.max(1, tasks);
  }

  /** The unpacked serial loop: rows of C accumulate rows of B, or dot products if B is [n, k]. */
  static void small(boolean transA, boolean transB, int m, int n, int k,
      float[] a, int aOff, float[] b, int bOff, float[] c, int cOff) {
    int aRow = transA ? 1 : k;
    int aCol = transA ? m : 1;
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * n;
      int ai = aOff + i * aRow;
      if (transB) {
        for (int j = 0; j < n; j++) {
          int bj = bOff + j * k;
          float s = 0f;
          for (int p = 0; p < k; p++) {
            s += a[ai + p * aCol] * b[bj + p];
          }
          c[ci + j] = s;
        }
      } else {
        Arrays.fill(c, ci, ci + n, 0f);
        for (int p = 0; p < k; p++) {
          float av = a[ai + p * aCol];
          int bp = bOff + p * n;
          for (int j = 0; j < n; j++) {
            c[ci + j] += av * b[bp + j];
          }
        }
      }
    }
  }

  /** Float64 variant of {@link #sgemm}, serial, accumulating rows of C in the same way. */
  public static void dgemm(boolean transA, boolean transB, int m, int n, int k,
      double[] a, int aOff, double[] b, int bOff, double[] c, int cOff) {
    int aRow = transA ? 1 : k;
    int aCol = transA ? m : 1;
    int bRow = transB ? 1 : n;
    int bCol = transB ? k : 1;
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * n;
      int ai = aOff + i * aRow;
      Arrays.fill(c, ci, ci + n, 0.0);
      for (int p = 0; p < k; p++) {
        double av = a[ai + p * aCol];
        int bp = bOff + p * bRow;
        for (int j = 0; j < n; j++) {
          c[ci + j] += av * b[bp + j * bCol];
        }
      }
    }
  }
}
