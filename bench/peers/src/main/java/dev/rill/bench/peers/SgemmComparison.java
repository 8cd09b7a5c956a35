package dev.rill.bench.peers;

import dev.rill.core.kernel.Gemm;
import dev.rill.core.kernel.gemm.Sgemm;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;

/**
 * Rill's {@link Gemm#sgemm} against OpenBLAS's {@code cblas_sgemm} on one square product, the same
 * thread count for both, timed in alternating rounds. OpenBLAS works on native copies of the
 * operands made once, so neither side pays for copying.
 */
final class SgemmComparison {
  /** GFLOP/s of both, and the ratio Rill / OpenBLAS. */
  record Result(double rill, double openblas) {
    double ratio() {
      return rill / openblas;
    }
  }

  private final int n;
  private final float[] a;
  private final float[] b;
  private final float[] c;
  private final FloatPointer na;
  private final FloatPointer nb;
  private final FloatPointer nc;

  SgemmComparison(int n, int threads) {
    this.n = n;
    SplittableRandom r = new SplittableRandom(7);
    a = new float[n * n];
    b = new float[n * n];
    c = new float[n * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) (r.nextDouble() - 0.5);
      b[i] = (float) (r.nextDouble() - 0.5);
    }
    na = new FloatPointer(a);
    nb = new FloatPointer(b);
    nc = new FloatPointer(c.length);
    openblas.blas_set_num_threads(threads);
    if (openblas.blas_get_num_threads() != threads) {
      throw new IllegalStateException("OpenBLAS runs " + openblas.blas_get_num_threads()
          + " threads, asked for " + threads);
    }
  }

  void rill() {
    Gemm.sgemm(false, false, n, n, n, a, 0, b, 0, c, 0);
  }

  void openblas() {
    openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans,
        n, n, n, 1f, na, n, nb, n, 0f, nc, n);
  }

  /** Largest difference between the two products, relative to the largest element. */
  double disagreement() {
    rill();
    openblas();
    float[] other = new float[c.length];
    nc.get(other);
    double max = 0;
    double scale = 0;
    for (int i = 0; i < c.length; i++) {
      max = Math.max(max, Math.abs(c[i] - other[i]));
      scale = Math.max(scale, Math.abs(other[i]));
    }
    return max / scale;
  }

  /**
   * Waits for C2 to compile Rill's vector kernels (until then sgemm runs scalar code), warms both
   * up, then times {@code rounds} alternating rounds of about {@code roundSeconds} each.
   */
  Result measure(int rounds, double roundSeconds) throws InterruptedException {
    if (!Sgemm.awaitVectorKernels(120_000)) {
      System.err.println("warning: Rill's vector sgemm kernels were not compiled in time");
    }
    int rillRuns = runsFor(this::rill, roundSeconds);
    int blasRuns = runsFor(this::openblas, roundSeconds);
    double[] rill = new double[rounds];
    double[] blas = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      rill[i] = gflops(this::rill, rillRuns);
      blas[i] = gflops(this::openblas, blasRuns);
    }
    return new Result(median(rill), median(blas));
  }

  /** Warms up for about a second and a half, then says how many calls fill a round. */
  private int runsFor(Runnable op, double roundSeconds) {
    long t0 = System.nanoTime();
    int calls = 0;
    while (System.nanoTime() - t0 < 1_500_000_000L || calls < 3) {
      op.run();
      calls++;
    }
    long t1 = System.nanoTime();
    op.run();
    op.run();
    double perCall = (System.nanoTime() - t1) / 2e9;
    return Math.max(1, (int) Math.round(roundSeconds / perCall));
  }

  private double gflops(Runnable op, int runs) {
    long t0 = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      op.run();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return 2.0 * n * n * n * runs / seconds / 1e9;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
