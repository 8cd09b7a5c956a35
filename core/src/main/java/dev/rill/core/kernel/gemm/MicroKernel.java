package dev.rill.core.kernel.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The innermost step of the multiply: one {@link #MR} x {@link #NR} tile of C from {@code kc}
 * steps of A and of a packed B micro-panel. Each step loads two vectors of B, broadcasts twelve
 * values of A and does 24 FMAs into accumulators that stay in registers for the whole depth, so C
 * is written once per depth block (later blocks go through a scratch tile and are added). Twelve
 * rows by two vectors use 27 of the 32 vector registers of AVX-512 (or NEON/SVE) and read B half
 * as often per FMA as six rows would; with AVX2's 16 registers some accumulators spill.
 *
 * <p>Two variants differ only in where A comes from: {@link #rowsTile} reads rows of a
 * row-major A in place (no packing), {@link #packedTile} reads a panel packed step by step.
 * Every element of a tile is one FMA chain over {@code p = 0 .. kc-1} started from zero in both,
 * and edge tiles run the same chain into a scratch tile, so an element's value never depends on
 * the variant or on where tile boundaries fall.
 *
 * <p>The tile methods only store, with no branch for edges or accumulation: C2 stops inlining
 * vector operations in a method that grows past its node budget, and then every operation
 * allocates and runs ten times slower.
 */
final class MicroKernel {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  /** Lanes per vector. */
  static final int L = S.length();
  /** Rows of C per tile: values of A broadcast per step. */
  static final int MR = 12;
  /** Columns of C per tile: two vectors of B per step. */
  static final int NR = 2 * L;

  private MicroKernel() {}

  /**
   * Full tile {@code C = A * Bpanel} with {@code A[r, p] = a[ai + r * lda + p]}.
   *
   * @param pb packed B, {@code NR} values per step starting at {@code bi}
   * @param ci where the tile's top-left element goes in {@code c}; rows are {@code ldc} apart
   */
  static void rowsTile(int kc, float[] a, int ai, int lda, float[] pb, int bi, float[] c, int ci,
      int ldc) {
    FloatVector c00a = FloatVector.zero(S);
    FloatVector c00b = c00a;
    FloatVector c01a = c00a;
    FloatVector c01b = c00a;
    FloatVector c02a = c00a;
    FloatVector c02b = c00a;
    FloatVector c03a = c00a;
    FloatVector c03b = c00a;
    FloatVector c04a = c00a;
    FloatVector c04b = c00a;
    FloatVector c05a = c00a;
    FloatVector c05b = c00a;
    FloatVector c06a = c00a;
    FloatVector c06b = c00a;
    FloatVector c07a = c00a;
    FloatVector c07b = c00a;
    FloatVector c08a = c00a;
    FloatVector c08b = c00a;
    FloatVector c09a = c00a;
    FloatVector c09b = c00a;
    FloatVector c10a = c00a;
    FloatVector c10b = c00a;
    FloatVector c11a = c00a;
    FloatVector c11b = c00a;
    for (int p = 0; p < kc; p++) {
      int bp = bi + p * NR;
      int ap = ai + p;
      FloatVector b0 = FloatVector.fromArray(S, pb, bp);
      FloatVector b1 = FloatVector.fromArray(S, pb, bp + L);
      FloatVector av;
      av = FloatVector.broadcast(S, a[ap]);
      c00a = av.fma(b0, c00a);
      c00b = av.fma(b1, c00b);
      av = FloatVector.broadcast(S, a[ap + lda]);
      c01a = av.fma(b0, c01a);
      c01b = av.fma(b1, c01b);
      av = FloatVector.broadcast(S, a[ap + 2 * lda]);
      c02a = av.fma(b0, c02a);
      c02b = av.fma(b1, c02b);
      av = FloatVector.broadcast(S, a[ap + 3 * lda]);
      c03a = av.fma(b0, c03a);
      c03b = av.fma(b1, c03b);
      av = FloatVector.broadcast(S, a[ap + 4 * lda]);
      c04a = av.fma(b0, c04a);
      c04b = av.fma(b1, c04b);
      av = FloatVector.broadcast(S, a[ap + 5 * lda]);
      c05a = av.fma(b0, c05a);
      c05b = av.fma(b1, c05b);
      av = FloatVector.broadcast(S, a[ap + 6 * lda]);
      c06a = av.fma(b0, c06a);
      c06b = av.fma(b1, c06b);
      av = FloatVector.broadcast(S, a[ap + 7 * lda]);
      c07a = av.fma(b0, c07a);
      c07b = av.fma(b1, c07b);
      av = FloatVector.broadcast(S, a[ap + 8 * lda]);
      c08a = av.fma(b0, c08a);
      c08b = av.fma(b1, c08b);
      av = FloatVector.broadcast(S, a[ap + 9 * lda]);
      c09a = av.fma(b0, c09a);
      c09b = av.fma(b1, c09b);
      av = FloatVector.broadcast(S, a[ap + 10 * lda]);
      c10a = av.fma(b0, c10a);
      c10b = av.fma(b1, c10b);
      av = FloatVector.broadcast(S, a[ap + 11 * lda]);
      c11a = av.fma(b0, c11a);
      c11b = av.fma(b1, c11b);
    }
    c00a.intoArray(c, ci);
    c00b.intoArray(c, ci + L);
    c01a.intoArray(c, ci + ldc);
    c01b.intoArray(c, ci + ldc + L);
    c02a.intoArray(c, ci + 2 * ldc);
    c02b.intoArray(c, ci + 2 * ldc + L);
    c03a.intoArray(c, ci + 3 * ldc);
    c03b.intoArray(c, ci + 3 * ldc + L);
    c04a.intoArray(c, ci + 4 * ldc);
    c04b.intoArray(c, ci + 4 * ldc + L);
    c05a.intoArray(c, ci + 5 * ldc);
    c05b.intoArray(c, ci + 5 * ldc + L);
    c06a.intoArray(c, ci + 6 * ldc);
    c06b.intoArray(c, ci + 6 * ldc + L);
    c07a.intoArray(c, ci + 7 * ldc);
    c07b.intoArray(c, ci + 7 * ldc + L);
    c08a.intoArray(c, ci + 8 * ldc);
    c08b.intoArray(c, ci + 8 * ldc + L);
    c09a.intoArray(c, ci + 9 * ldc);
    c09b.intoArray(c, ci + 9 * ldc + L);
    c10a.intoArray(c, ci + 10 * ldc);
    c10b.intoArray(c, ci + 10 * ldc + L);
    c11a.intoArray(c, ci + 11 * ldc);
    c11b.intoArray(c, ci + 11 * ldc + L);
  }

  /** Full tile {@code C = A * Bpanel} with {@code A[r, p] = pa[ai + p * MR + r]}. */
  static void packedTile(int kc, float[] pa, int ai, float[] pb, int bi, float[] c, int ci,
      int ldc) {
    FloatVector c00a = FloatVector.zero(S);
    FloatVector c00b = c00a;
    FloatVector c01a = c00a;
    FloatVector c01b = c00a;
    FloatVector c02a = c00a;
    FloatVector c02b = c00a;
    FloatVector c03a = c00a;
    FloatVector c03b = c00a;
    FloatVector c04a = c00a;
    FloatVector c04b = c00a;
    FloatVector c05a = c00a;
    FloatVector c05b = c00a;
    FloatVector c06a = c00a;
    FloatVector c06b = c00a;
    FloatVector c07a = c00a;
    FloatVector c07b = c00a;
    FloatVector c08a = c00a;
    FloatVector c08b = c00a;
    FloatVector c09a = c00a;
    FloatVector c09b = c00a;
    FloatVector c10a = c00a;
    FloatVector c10b = c00a;
    FloatVector c11a = c00a;
    FloatVector c11b = c00a;
    for (int p = 0; p < kc; p++) {
      int bp = bi + p * NR;
      int ap = ai + p * MR;
      FloatVector b0 = FloatVector.fromArray(S, pb, bp);
      FloatVector b1 = FloatVector.fromArray(S, pb, bp + L);
      FloatVector av;
      av = FloatVector.broadcast(S, pa[ap]);
      c00a = av.fma(b0, c00a);
      c00b = av.fma(b1, c00b);
      av = FloatVector.broadcast(S, pa[ap + 1]);
      c01a = av.fma(b0, c01a);
      c01b = av.fma(b1, c01b);
      av = FloatVector.broadcast(S, pa[ap + 2]);
      c02a = av.fma(b0, c02a);
      c02b = av.fma(b1, c02b);
      av = FloatVector.broadcast(S, pa[ap + 3]);
      c03a = av.fma(b0, c03a);
      c03b = av.fma(b1, c03b);
      av = FloatVector.broadcast(S, pa[ap + 4]);
      c04a = av.fma(b0, c04a);
      c04b = av.fma(b1, c04b);
      av = FloatVector.broadcast(S, pa[ap + 5]);
      c05a = av.fma(b0, c05a);
      c05b = av.fma(b1, c05b);
      av = FloatVector.broadcast(S, pa[ap + 6]);
      c06a = av.fma(b0, c06a);
      c06b = av.fma(b1, c06b);
      av = FloatVector.broadcast(S, pa[ap + 7]);
      c07a = av.fma(b0, c07a);
      c07b = av.fma(b1, c07b);
      av = FloatVector.broadcast(S, pa[ap + 8]);
      c08a = av.fma(b0, c08a);
      c08b = av.fma(b1, c08b);
      av = FloatVector.broadcast(S, pa[ap + 9]);
      c09a = av.fma(b0, c09a);
      c09b = av.fma(b1, c09b);
      av = FloatVector.broadcast(S, pa[ap + 10]);
      c10a = av.fma(b0, c10a);
      c10b = av.fma(b1, c10b);
      av = FloatVector.broadcast(S, pa[ap + 11]);
      c11a = av.fma(b0, c11a);
      c11b = av.fma(b1, c11b);
    }
    c00a.intoArray(c, ci);
    c00b.intoArray(c, ci + L);
    c01a.intoArray(c, ci + ldc);
    c01b.intoArray(c, ci + ldc + L);
    c02a.intoArray(c, ci + 2 * ldc);
    c02b.intoArray(c, ci + 2 * ldc + L);
    c03a.intoArray(c, ci + 3 * ldc);
    c03b.intoArray(c, ci + 3 * ldc + L);
    c04a.intoArray(c, ci + 4 * ldc);
    c04b.intoArray(c, ci + 4 * ldc + L);
    c05a.intoArray(c, ci + 5 * ldc);
    c05b.intoArray(c, ci + 5 * ldc + L);
    c06a.intoArray(c, ci + 6 * ldc);
    c06b.intoArray(c, ci + 6 * ldc + L);
    c07a.intoArray(c, ci + 7 * ldc);
    c07b.intoArray(c, ci + 7 * ldc + L);
    c08a.intoArray(c, ci + 8 * ldc);
    c08b.intoArray(c, ci + 8 * ldc + L);
    c09a.intoArray(c, ci + 9 * ldc);
    c09b.intoArray(c, ci + 9 * ldc + L);
    c10a.intoArray(c, ci + 10 * ldc);
    c10b.intoArray(c, ci + 10 * ldc + L);
    c11a.intoArray(c, ci + 11 * ldc);
    c11b.intoArray(c, ci + 11 * ldc + L);
  }

  /**
   * The top four rows of {@link #rowsTile}: the last rows of a product whose row count leaves
   * four or fewer, which a full tile would compute three times over.
   */
  static void rowsTile4(int kc, float[] a, int ai, int lda, float[] pb, int bi, float[] c, int ci,
      int ldc) {
    FloatVector c0a = FloatVector.zero(S);
    FloatVector c0b = c0a;
    FloatVector c1a = c0a;
    FloatVector c1b = c0a;
    FloatVector c2a = c0a;
    FloatVector c2b = c0a;
    FloatVector c3a = c0a;
    FloatVector c3b = c0a;
    for (int p = 0; p < kc; p++) {
      int bp = bi + p * NR;
      int ap = ai + p;
      FloatVector b0 = FloatVector.fromArray(S, pb, bp);
      FloatVector b1 = FloatVector.fromArray(S, pb, bp + L);
      FloatVector av;
      av = FloatVector.broadcast(S, a[ap]);
      c0a = av.fma(b0, c0a);
      c0b = av.fma(b1, c0b);
      av = FloatVector.broadcast(S, a[ap + lda]);
      c1a = av.fma(b0, c1a);
      c1b = av.fma(b1, c1b);
      av = FloatVector.broadcast(S, a[ap + 2 * lda]);
      c2a = av.fma(b0, c2a);
      c2b = av.fma(b1, c2b);
      av = FloatVector.broadcast(S, a[ap + 3 * lda]);
      c3a = av.fma(b0, c3a);
      c3b = av.fma(b1, c3b);
    }
    c0a.intoArray(c, ci);
    c0b.intoArray(c, ci + L);
    c1a.intoArray(c, ci + ldc);
    c1b.intoArray(c, ci + ldc + L);
    c2a.intoArray(c, ci + 2 * ldc);
    c2b.intoArray(c, ci + 2 * ldc + L);
    c3a.intoArray(c, ci + 3 * ldc);
    c3b.intoArray(c, ci + 3 * ldc + L);
  }

  /**
   * The top four rows of {@link #packedTile}, from a panel packed {@code MR} values per step.
   */
  static void packedTile4(int kc, float[] a, int ai, float[] pb, int bi, float[] c, int ci,
      int ldc) {
    FloatVector c0a = FloatVector.zero(S);
    FloatVector c0b = c0a;
    FloatVector c1a = c0a;
    FloatVector c1b = c0a;
    FloatVector c2a = c0a;
    FloatVector c2b = c0a;
    FloatVector c3a = c0a;
    FloatVector c3b = c0a;
    for (int p = 0; p < kc; p++) {
      int bp = bi + p * NR;
      int ap = ai + p * MR;
      FloatVector b0 = FloatVector.fromArray(S, pb, bp);
      FloatVector b1 = FloatVector.fromArray(S, pb, bp + L);
      FloatVector av;
      av = FloatVector.broadcast(S, a[ap]);
      c0a = av.fma(b0, c0a);
      c0b = av.fma(b1, c0b);
      av = FloatVector.broadcast(S, a[ap + 1]);
      c1a = av.fma(b0, c1a);
      c1b = av.fma(b1, c1b);
      av = FloatVector.broadcast(S, a[ap + 2]);
      c2a = av.fma(b0, c2a);
      c2b = av.fma(b1, c2b);
      av = FloatVector.broadcast(S, a[ap + 3]);
      c3a = av.fma(b0, c3a);
      c3b = av.fma(b1, c3b);
    }
    c0a.intoArray(c, ci);
    c0b.intoArray(c, ci + L);
    c1a.intoArray(c, ci + ldc);
    c1b.intoArray(c, ci + ldc + L);
    c2a.intoArray(c, ci + 2 * ldc);
    c2b.intoArray(c, ci + 2 * ldc + L);
    c3a.intoArray(c, ci + 3 * ldc);
    c3b.intoArray(c, ci + 3 * ldc + L);
  }

  /**
   * Copies the top-left {@code rows x cols} of a full tile computed into {@code scratch} (MR
   * rows of NR) to C. Scalar adds round exactly as lane-wise vector adds.
   */
  static void storeEdge(float[] scratch, float[] c, int ci, int ldc, int rows, int cols,
      boolean add) {
    for (int r = 0; r < rows; r++) {
      int o = ci + r * ldc;
      int s = r * NR;
      if (add) {
        for (int j = 0; j < cols; j++) {
          c[o + j] = scratch[s + j] + c[o + j];
        }
      } else {
        System.arraycopy(scratch, s, c, o, cols);
      }
    }
  }

  /** Adds a full tile computed into {@code scratch} (MR rows of NR) to C. */
  static void addTile(float[] scratch, float[] c, int ci, int ldc) {
    for (int r = 0; r < MR; r++) {
      int o = ci + r * ldc;
      int s = r * NR;
      FloatVector.fromArray(S, scratch, s).add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
      FloatVector.fromArray(S, scratch, s + L).add(FloatVector.fromArray(S, c, o + L))
          .intoArray(c, o + L);
    }
  }
}
