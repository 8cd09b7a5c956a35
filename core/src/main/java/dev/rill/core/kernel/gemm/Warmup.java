package dev.rill.core.kernel.gemm;

import static dev.rill.core.kernel.gemm.MicroKernel.L;
import static dev.rill.core.kernel.gemm.MicroKernel.MR;
import static dev.rill.core.kernel.gemm.MicroKernel.NR;

import dev.rill.core.kernel.VectorWarmup;

/**
 * The multiply's gate on {@link VectorWarmup}: measured in a fresh JVM, one 100x128x784 multiply
 * took 1.2 s on the vector path against 0.4 s on the scalar one ({@link ScalarKernel}, whose
 * results are bit-identical), so {@link Sgemm} takes the scalar path until the micro-kernels and
 * packing routines are compiled.
 */
final class Warmup {
  private static final VectorWarmup.Gate GATE = VectorWarmup.gate("sgemm", Warmup::tinyCalls);

  // depth 1 is enough: C2 counts calls, and each call costs the least while still interpreted
  private static final float[] A = new float[MR];
  private static final float[] B = new float[2 * NR];
  private static final float[] PA = new float[MR + L];
  private static final float[] PB = new float[NR];
  private static final float[] C = new float[MR * NR];
  /** A B stored transposed, deep enough for one 16 x 16 register transpose per panel half. */
  private static final float[] BT = new float[NR * Transpose16.N];
  private static final float[] PBT = new float[NR * Transpose16.N];
  private static int calls;

  private Warmup() {}

  /** Whether to use the vector path; the first call starts warming it up. */
  static boolean vectorReady() {
    return GATE.ready();
  }

  /** Starts the warm-up if needed and waits up to {@code millis} for it; true if vector is ready. */
  static boolean await(long millis) throws InterruptedException {
    return GATE.await(millis);
  }

  /** Each vector routine once on tiny operands (only the warm-up thread calls this). */
  private static void tinyCalls() {
    MicroKernel.rowsTile(1, A, 0, 1, B, 0, C, 0, NR);
    MicroKernel.packedTile(1, A, 0, B, 0, C, 0, NR);
    MicroKernel.rowsTile4(1, A, 0, 1, B, 0, C, 0, NR);
    MicroKernel.packedTile4(1, A, 0, B, 0, C, 0, NR);
    MicroKernel.addTile(C, C, 0, NR);
    Pack.packTransposedA(A, 0, MR, 0, MR - 1, 0, 1, PA);
    Pack.packB(calls++ % 2 == 0, B, 0, NR, 1, 0, 1, 0, NR, PB, 0);
    Pack.packB(true, BT, 0, NR, Transpose16.N, 0, Transpose16.N, 0, NR, PBT, 0);
  }
}
