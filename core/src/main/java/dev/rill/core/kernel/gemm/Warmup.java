package dev.rill.core.kernel.gemm;

import static dev.rill.core.kernel.gemm.MicroKernel.L;
import static dev.rill.core.kernel.gemm.MicroKernel.MR;
import static dev.rill.core.kernel.gemm.MicroKernel.NR;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells whether the vector kernels have been compiled by C2 yet. Until then, vector code runs as
 * allocating Java loops (about 0.01 GFLOP/s, against 50 and more compiled), and C2 only compiles a
 * method after thousands of calls: measured in a fresh JVM, one 100x128x784 multiply took 1.2 s
 * on the vector path against 0.4 s on the scalar one. So the first call starts a daemon thread
 * that calls the vector code on tiny inputs until it runs at compiled speed (about 2 s), while
 * {@link Sgemm} uses {@link ScalarKernel}, whose results are bit-identical. If it never gets fast
 * (C2 disabled), the scalar path stays.
 */
final class Warmup {
  private static final int COLD = 0;
  private static final int WARMING = 1;
  private static final int READY = 2;
  private static final int GAVE_UP = 3;
  /** Calls of each kernel per timed round. */
  private static final int ROUND = 500;
  /** A round this fast means compiled code: interpreted, a round takes some 40 ms. */
  private static final long COMPILED_ROUND_NANOS = 3_000_000;
  private static final long GIVE_UP_NANOS = 20_000_000_000L;

  private static final AtomicInteger STATE = new AtomicInteger(COLD);

  private Warmup() {}

  /** Whether to use the vector path; the first call starts warming it up. */
  static boolean vectorReady() {
    int s = STATE.get();
    if (s == COLD && STATE.compareAndSet(COLD, WARMING)) {
      Thread.ofPlatform().daemon().name("rill-gemm-warmup").start(Warmup::run);
    }
    return s == READY;
  }

  /** Starts the warm-up if needed and waits up to {@code millis} for it; true if vector is ready. */
  static boolean await(long millis) throws InterruptedException {
    vectorReady();
    long end = System.nanoTime() + millis * 1_000_000;
    while (STATE.get() == WARMING && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    return STATE.get() == READY;
  }

  private static void run() {
    // depth 1 is enough: C2 counts calls, and each call costs the least while still interpreted
    float[] a = new float[MR];
    float[] b = new float[2 * NR];
    float[] pa = new float[MR + L];
    float[] pb = new float[NR];
    float[] c = new float[MR * NR];
    // a B stored transposed, deep enough for one 16 x 16 register transpose per panel half
    float[] bt = new float[NR * Transpose16.N];
    float[] pbt = new float[NR * Transpose16.N];
    long start = System.nanoTime();
    while (System.nanoTime() - start < GIVE_UP_NANOS) {
      long t0 = System.nanoTime();
      for (int i = 0; i < ROUND; i++) {
        MicroKernel.rowsTile(1, a, 0, 1, b, 0, c, 0, NR);
        MicroKernel.packedTile(1, a, 0, b, 0, c, 0, NR);
        MicroKernel.addTile(c, c, 0, NR);
        Pack.packTransposedA(a, 0, MR, 0, MR - 1, 0, 1, pa);
        Pack.packB(i % 2 == 0, b, 0, NR, 1, 0, 1, 0, NR, pb, 0);
        Pack.packB(true, bt, 0, NR, Transpose16.N, 0, Transpose16.N, 0, NR, pbt, 0);
      }
      if (System.nanoTime() - t0 < COMPILED_ROUND_NANOS) {
        STATE.set(READY);
        return;
      }
    }
    STATE.set(GAVE_UP);
  }
}
