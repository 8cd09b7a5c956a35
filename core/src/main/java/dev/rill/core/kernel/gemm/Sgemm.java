package dev.rill.core.kernel.gemm;

import static dev.rill.core.kernel.gemm.MicroKernel.L;

import static dev.rill.core.kernel.gemm.MicroKernel.MR;
import static dev.rill.core.kernel.gemm.MicroKernel.NR;

import dev.rill.core.kernel.Parallel;

/**
 * Packed float32 matrix multiply {@code C = op(A) * op(B)} on row-major arrays, split into
 * independent rectangles of C that run in parallel.
 *
 * <p>Loop nest (outermost first): column blocks of {@link #NC}, depth blocks of about {@link #KC}
 * (B block packed, kept in L2), then MR-row panels of A (kept in L1; read in place when A is
 * row-major, packed when transposed) swept across the NR-column micro-panels of B by
 * {@link MicroKernel}. Not packing a row-major A matters when n is small (an im2col convolution
 * has n = filters): each element of A then feeds only n multiply-adds, about what a copy costs.
 *
 * <p>Results do not depend on the split: the depth blocks are fixed by {@code k} alone, and each
 * element of C is the sum, in block order, of one FMA chain per block, whichever task computes it.
 *
 * {@snippet :
 * float[] c = new float[m * n];
 * Sgemm.multiply(false, false, m, n, k, a, 0, b, 0, c, 0, Parallel.threads());
 * }
 */
public final class Sgemm {
  /** Rows of C per micro-kernel tile. */
  public static final int TILE_ROWS = MR;
  /** Columns of C per micro-kernel tile (depends on the vector width). */
  public static final int TILE_COLS = NR;
  /** Depth per block: the A of one tile row ({@code KC * MR} floats, 18 KiB) stays in L1. */
  public static final int KC = 384;
  /**
   * Columns per packed B block: {@code KC * NC} floats (576 KiB) sit in a 1 MiB L2. KC and NC were
   * picked by measuring a few pairs on the MNIST shapes; neighbours are within the noise.
   */
  public static final int NC = Math.max(NR, 384 / NR * NR);

  /**
   * Below this size ({@code n * k}) of B, each task packing its own copy costs less than a
   * parallel pass to pack it once.
   */
  private static final long SHARED_PACK_ELEMENTS = 1 << 16;

  /** Floats between rows of A at which they would share L1 sets (4 KiB). */
  private static final int ALIASING_STRIDE = 1024;

  /**
   * Products with at most this many rows of C (and B not transposed) read B in place instead of
   * packing it: each element of B is used only that many times.
   */
  public static final int FEW_ROWS = 4;

  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  private Sgemm() {}

  /** Which kernels to run; the results are bit-identical whichever is chosen. */
  public enum Kernels {
    /** Scalar until the vector code is compiled by C2, then vector. */
    AUTO,
    /** Always the vector kernels, even while they still run interpreted. */
    VECTOR,
    /** Always the scalar twins: for tests. */
    SCALAR
  }

  /**
   * Waits until the vector kernels are compiled (see {@link Kernels#AUTO}), at most
   * {@code millis}; returns whether they are. Results never depend on it: benchmarks and tests
   * call it so that they time or exercise compiled code.
   */
  public static boolean awaitVectorKernels(long millis) throws InterruptedException {
    return Warmup.await(millis);
  }

  /** Operands of one call; {@code packed} is B already packed, or null to pack it block by block. */
  private record Job(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff,
      float[] b, int bOff, PackedB packed, float[] c, int cOff, Kernels kernels) {}

  /**
   * All of a B operand in the micro-kernel's order, made once by {@link #packB} and read by any
   * number of products: depth blocks one after the other, each holding the NR-column panels of
   * every column.
   */
  public record PackedB(float[] data, int n, int k) {
    /** Where the panels of depth block {@code pc} start, from column {@code jc}. */
    int offset(int pc, int kc, int jc) {
      return pc * roundUp(n, NR) + jc * kc;
    }
  }

  /** Packs {@code op(B)} ({@code [k, n]}; stored {@code [n, k]} when {@code transB}). */
  public static PackedB packB(boolean transB, float[] b, int bOff, int n, int k) {
    if (n <= 0 || k <= 0) {
      throw new IllegalArgumentException("Sgemm.packB needs n, k >= 1, got n=" + n + ", k=" + k);
    }
    int step = depthStep(k);
    PackedB packed = new PackedB(new float[roundUp(n, NR) * k], n, k);
    boolean vector = Warmup.vectorReady();
    for (int pc = 0; pc < k; pc += step) {
      int kc = Math.min(step, k - pc);
      int at = packed.offset(pc, kc, 0);
      if (vector) {
        Pack.packB(transB, b, bOff, n, k, pc, kc, 0, n, packed.data, at);
      } else {
        ScalarKernel.packB(transB, b, bOff, n, k, pc, kc, 0, n, packed.data, at);
      }
    }
    return packed;
  }

  /** Depth per block: even blocks of at most about KC (800 becomes 3 x 267, not 2 x 384 + 32). */
  private static int depthStep(int k) {
    return Math.ceilDiv(k, Math.ceilDiv(k, KC));
  }

  /**
   * Computes {@code C = op(A) * op(B)} for {@code m, n, k >= 1}, with the work cut into at most
   * {@code tasks} rectangles of C that run on {@link Parallel}; 1 runs on the calling thread.
   *
   * @param transA A is stored as [k, m] instead of [m, k]
   * @param transB B is stored as [n, k] instead of [k, n]
   */
  public static void multiply(boolean transA, boolean transB, int m, int n, int k,
      float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int tasks) {
    multiply(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, tasks, Kernels.AUTO);
  }

  /** {@link #multiply} with a choice of kernels. */
  public static void multiply(boolean transA, boolean transB, int m, int n, int k,
      float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int tasks, Kernels kernels) {
    if (m <= 0 || n <= 0 || k <= 0) {
      throw new IllegalArgumentException("Sgemm needs m, n, k >= 1, got m=" + m + ", n=" + n
          + ", k=" + k);
    }
    run(new Job(transA, transB, m, n, k, a, aOff, b, bOff, null, c, cOff, kernels), tasks);
  }

  /** {@code C = op(A) * B} with B packed by {@link #packB}; otherwise as {@link #multiply}. */
  public static void multiply(boolean transA, int m, float[] a, int aOff, PackedB b, float[] c,
      int cOff, int tasks) {
    if (m <= 0) {
      throw new IllegalArgumentException("Sgemm needs m >= 1, got m=" + m);
    }
    run(new Job(transA, false, m, b.n(), b.k(), a, aOff, null, 0, b, c, cOff, Kernels.AUTO),
        tasks);
  }

  private static void run(Job job, int tasks) {
    int m = job.m;
    int n = job.n;
    if (m <= FEW_ROWS && !job.transB && job.packed == null) {
      fewRows(job, tasks);
      return;
    }
    // Cutting the longer side of C means each task re-packs the smaller operand.
    boolean byRows = m >= n;
    int unit = byRows ? MR : NR;
    int units = Math.ceilDiv(byRows ? m : n, unit);
    int parts = Math.max(1, Math.min(tasks, units));
    if (parts == 1) {
      block(job, 0, m, 0, n);
      return;
    }
    if (byRows && job.packed == null && (long) n * job.k >= SHARED_PACK_ELEMENTS) {
      job = packShared(job, Math.min(parts, Parallel.threads()));
    }
    Job shared = job;
    Parallel.range(parts, 1, (from, to) -> {
      for (int t = from; t < to; t++) {
        int lo = (int) ((long) units * t / parts) * unit;
        int hi = Math.min(byRows ? m : n, (int) ((long) units * (t + 1) / parts) * unit);
        if (byRows) {
          block(shared, lo, hi, 0, n);
        } else {
          block(shared, 0, m, lo, hi);
        }
      }
    });
  }

  /**
   * {@code job} with all of B packed once, the packing split over {@code parts} tasks: when the
   * rows of C are cut among tasks, each would otherwise pack the whole of B for itself. Packed in
   * a buffer of the calling thread, which waits in {@link Parallel#range} until every task that
   * reads it is done.
   */
  private static Job packShared(Job job, int parts) {
    int n = job.n;
    int k = job.k;
    int step = depthStep(k);
    PackedB packed = new PackedB(BUFFERS.get().shared(roundUp(n, NR) * k), n, k);
    boolean vector = job.kernels == Kernels.VECTOR
        || job.kernels == Kernels.AUTO && Warmup.vectorReady();
    int panels = Math.ceilDiv(n, NR);
    Parallel.range(parts, 1, (from, to) -> {
      int j0 = (int) ((long) panels * from / parts) * NR;
      int j1 = Math.min(n, (int) ((long) panels * to / parts) * NR);
      for (int pc = 0; pc < k && j0 < j1; pc += step) {
        int kc = Math.min(step, k - pc);
        int at = packed.offset(pc, kc, j0);
        if (vector) {
          Pack.packB(job.transB, job.b, job.bOff, n, k, pc, kc, j0, j1 - j0, packed.data, at);
        } else {
          ScalarKernel.packB(job.transB, job.b, job.bOff, n, k, pc, kc, j0, j1 - j0,
              packed.data, at);
        }
      }
    });
    return new Job(job.transA, false, job.m, n, k, job.a, job.aOff, null, 0, packed, job.c,
        job.cOff, job.kernels);
  }

  /** A product of a few rows, by {@link FewRows}, its columns cut into at most {@code tasks}. */
  private static void fewRows(Job job, int tasks) {
    int kcStep = depthStep(job.k);
    boolean vector = job.kernels == Kernels.VECTOR
        || job.kernels == Kernels.AUTO && Warmup.vectorReady();
    int units = Math.ceilDiv(job.n, L);
    int parts = Math.max(1, Math.min(tasks, units));
    Parallel.range(parts, 1, (from, to) -> {
      for (int t = from; t < to; t++) {
        int lo = (int) ((long) units * t / parts) * L;
        int hi = Math.min(job.n, (int) ((long) units * (t + 1) / parts) * L);
        FewRows.multiply(job.transA, job.m, job.n, job.k, job.a, job.aOff, job.b, job.bOff,
            job.c, job.cOff, lo, hi, kcStep, vector);
      }
    });
  }

  /** Computes rows {@code [i0, i1)} and columns {@code [j0, j1)} of C. */
  private static void block(Job job, int i0, int i1, int j0, int j1) {
    int k = job.k;
    // Even depth blocks: 800 becomes 3 x 267 rather than 2 x 384 + 32.
    int kcStep = depthStep(k);
    Buffers buf = BUFFERS.get();
    // slack after the A panel keeps the last masked store of its packing on the fast path
    float[] pa = buf.a(MR * kcStep + MicroKernel.L);
    float[] pb = job.packed != null ? job.packed.data
        : buf.b(Math.min(NC, roundUp(j1 - j0, NR)) * kcStep);
    boolean vector = job.kernels == Kernels.VECTOR
        || job.kernels == Kernels.AUTO && Warmup.vectorReady();
    for (int jc = j0; jc < j1; jc += NC) {
      int nc = Math.min(NC, j1 - jc);
      for (int pc = 0; pc < k; pc += kcStep) {
        int kc = Math.min(kcStep, k - pc);
        int pbOff = 0;
        if (job.packed != null) {
          pbOff = job.packed.offset(pc, kc, jc);
        } else if (vector) {
          Pack.packB(job.transB, job.b, job.bOff, job.n, k, pc, kc, jc, nc, pb, 0);
        } else {
          ScalarKernel.packB(job.transB, job.b, job.bOff, job.n, k, pc, kc, jc, nc, pb, 0);
        }
        for (int ir = i0; ir < i1; ir += MR) {
          int rows = Math.min(MR, i1 - ir);
          // where this panel's A is read from: in place, or packed
          float[] a = job.a;
          int ai = job.aOff + ir * k + pc;
          int lda = k;
          if (job.transA) {
            if (vector) {
              Pack.packTransposedA(job.a, job.aOff, job.m, ir, rows, pc, kc, pa);
            } else {
              ScalarKernel.packTransposedA(job.a, job.aOff, job.m, ir, rows, pc, kc, pa);
            }
            a = pa;
            ai = 0;
          } else if (rows < MR || k % ALIASING_STRIDE == 0) {
            // a partial panel, or rows 4 KiB apart that would all fall in one L1 set: copy
            Pack.copyEdgeRows(job.a, ai, k, rows, kc, pa);
            a = pa;
            ai = 0;
            lda = kc;
          }
          Panel panel = new Panel(a, ai, lda, pb, pbOff, kc, job.c, job.cOff + ir * job.n + jc, job.n,
              rows, pc > 0);
          if (vector) {
            vectorRow(job.transA, panel, nc, buf.scratch);
          } else {
            scalarRow(job.transA, panel, nc, buf.scratch);
          }
        }
      }
    }
  }

  /**
   * One row of tiles: A from {@code a} at {@code ai} (rows {@code lda} apart, or packed), the B
   * block packed in {@code pb}, C from {@code ci} with rows {@code ldc} apart, {@code rows} of
   * them valid; {@code add} for every depth block after the first.
   */
  private record Panel(float[] a, int ai, int lda, float[] pb, int pbOff, int kc, float[] c, int ci,
      int ldc, int rows, boolean add) {}

  private static void vectorRow(boolean packedA, Panel t, int nc, float[] scratch) {
    for (int jr = 0; jr < nc; jr += NR) {
      int cols = Math.min(NR, nc - jr);
      boolean full = t.rows == MR && cols == NR;
      // the first depth block writes straight to C; partial or later ones via scratch
      boolean direct = full && !t.add;
      float[] out = direct ? t.c : scratch;
      int oi = direct ? t.ci + jr : 0;
      int ldo = direct ? t.ldc : NR;
      int bi = t.pbOff + jr * t.kc;
      if (t.rows <= 4) {
        // four rows or fewer (the last of a 100-row batch): a full tile would triple the work
        if (packedA) {
          MicroKernel.packedTile4(t.kc, t.a, t.ai, t.pb, bi, out, oi, ldo);
        } else {
          MicroKernel.rowsTile4(t.kc, t.a, t.ai, t.lda, t.pb, bi, out, oi, ldo);
        }
      } else if (packedA) {
        MicroKernel.packedTile(t.kc, t.a, t.ai, t.pb, bi, out, oi, ldo);
      } else {
        MicroKernel.rowsTile(t.kc, t.a, t.ai, t.lda, t.pb, bi, out, oi, ldo);
      }
      if (full && t.add) {
        MicroKernel.addTile(scratch, t.c, t.ci + jr, t.ldc);
      } else if (!full) {
        MicroKernel.storeEdge(scratch, t.c, t.ci + jr, t.ldc, t.rows, cols, t.add);
      }
    }
  }

  private static void scalarRow(boolean packedA, Panel t, int nc, float[] scratch) {
    for (int jr = 0; jr < nc; jr += NR) {
      int cols = Math.min(NR, nc - jr);
      ScalarKernel.tile(t.kc, t.a, t.ai, packedA ? 1 : t.lda, packedA ? MR : 1, t.pb,
          t.pbOff + jr * t.kc, scratch);
      MicroKernel.storeEdge(scratch, t.c, t.ci + jr, t.ldc, t.rows, cols, t.add);
    }
  }

  private static int roundUp(int x, int y) {
    return Math.ceilDiv(x, y) * y;
  }

  /** Packing space reused by each thread across calls; grows, never shrinks. */
  private static final class Buffers {
    private float[] a = new float[0];
    private float[] b = new float[0];
    private float[] shared = new float[0];
    final float[] scratch = new float[MR * NR];

    float[] shared(int size) {
      if (shared.length < size) {
        shared = new float[size];
      }
      return shared;
    }

    float[] a(int size) {
      if (a.length < size) {
        a = new float[size];
      }
      return a;
    }

    float[] b(int size) {
      if (b.length < size) {
        b = new float[size];
      }
      return b;
    }
  }
}
