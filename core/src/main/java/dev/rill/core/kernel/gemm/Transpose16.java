package dev.rill.core.kernel.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Transposes 16 x 16 blocks of floats in registers, for packing a B stored transposed: copied
 * one float at a time, such a B packed three times slower than a plain one. Sixteen rows are
 * loaded as vectors, then four rounds of two-source lane selects each swap one bit of the row
 * index with the same bit of the lane index ({@code (r, q)} with bit {@code s} of {@code r} clear
 * and of {@code q} set trades places with {@code (r + s, q - s)}); after the rounds for
 * {@code s = 8, 4, 2, 1} every element {@code (r, q)} sits at {@code (q, r)}. Only used where
 * vectors have 16 float lanes (AVX-512).
 */
final class Transpose16 {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
  /** Whether the preferred vectors are 16 floats wide, the only case this class serves. */
  static final boolean APPLIES = MicroKernel.L == 16;
  /** Side of the block. */
  static final int N = 16;
  /**
   * Lane sources of each round: for {@code s = 8, 4, 2, 1}, 16 for the low row of a pair and 16
   * for the high row; sources 16 and up are lanes of the second vector.
   */
  private static final float[] SOURCES = sources();

  private Transpose16() {}

  private static float[] sources() {
    float[] t = new float[4 * 2 * N];
    int at = 0;
    for (int s = 8; s >= 1; s >>= 1) {
      for (int q = 0; q < N; q++) {
        t[at + q] = (q & s) == 0 ? q : N + q - s;
        t[at + N + q] = (q & s) == 0 ? q + s : N + q;
      }
      at += 2 * N;
    }
    return t;
  }

  /** {@code dst[d + q * ldd + r] = src[s + r * ld + q]} for {@code r, q < 16}. */
  static void block(float[] src, int s, int ld, float[] dst, int d, int ldd) {
    FloatVector r0 = FloatVector.fromArray(S, src, s);
    FloatVector r1 = FloatVector.fromArray(S, src, s + ld);
    FloatVector r2 = FloatVector.fromArray(S, src, s + 2 * ld);
    FloatVector r3 = FloatVector.fromArray(S, src, s + 3 * ld);
    FloatVector r4 = FloatVector.fromArray(S, src, s + 4 * ld);
    FloatVector r5 = FloatVector.fromArray(S, src, s + 5 * ld);
    FloatVector r6 = FloatVector.fromArray(S, src, s + 6 * ld);
    FloatVector r7 = FloatVector.fromArray(S, src, s + 7 * ld);
    FloatVector r8 = FloatVector.fromArray(S, src, s + 8 * ld);
    FloatVector r9 = FloatVector.fromArray(S, src, s + 9 * ld);
    FloatVector r10 = FloatVector.fromArray(S, src, s + 10 * ld);
    FloatVector r11 = FloatVector.fromArray(S, src, s + 11 * ld);
    FloatVector r12 = FloatVector.fromArray(S, src, s + 12 * ld);
    FloatVector r13 = FloatVector.fromArray(S, src, s + 13 * ld);
    FloatVector r14 = FloatVector.fromArray(S, src, s + 14 * ld);
    FloatVector r15 = FloatVector.fromArray(S, src, s + 15 * ld);
    FloatVector lo = FloatVector.fromArray(S, SOURCES, 0);
    FloatVector hi = FloatVector.fromArray(S, SOURCES, N);
    FloatVector t;
    t = lo.selectFrom(r0, r8); r8 = hi.selectFrom(r0, r8); r0 = t;
    t = lo.selectFrom(r1, r9); r9 = hi.selectFrom(r1, r9); r1 = t;
    t = lo.selectFrom(r2, r10); r10 = hi.selectFrom(r2, r10); r2 = t;
    t = lo.selectFrom(r3, r11); r11 = hi.selectFrom(r3, r11); r3 = t;
    t = lo.selectFrom(r4, r12); r12 = hi.selectFrom(r4, r12); r4 = t;
    t = lo.selectFrom(r5, r13); r13 = hi.selectFrom(r5, r13); r5 = t;
    t = lo.selectFrom(r6, r14); r14 = hi.selectFrom(r6, r14); r6 = t;
    t = lo.selectFrom(r7, r15); r15 = hi.selectFrom(r7, r15); r7 = t;
    lo = FloatVector.fromArray(S, SOURCES, 2 * N);
    hi = FloatVector.fromArray(S, SOURCES, 3 * N);
    t = lo.selectFrom(r0, r4); r4 = hi.selectFrom(r0, r4); r0 = t;
    t = lo.selectFrom(r1, r5); r5 = hi.selectFrom(r1, r5); r1 = t;
    t = lo.selectFrom(r2, r6); r6 = hi.selectFrom(r2, r6); r2 = t;
    t = lo.selectFrom(r3, r7); r7 = hi.selectFrom(r3, r7); r3 = t;
    t = lo.selectFrom(r8, r12); r12 = hi.selectFrom(r8, r12); r8 = t;
    t = lo.selectFrom(r9, r13); r13 = hi.selectFrom(r9, r13); r9 = t;
    t = lo.selectFrom(r10, r14); r14 = hi.selectFrom(r10, r14); r10 = t;
    t = lo.selectFrom(r11, r15); r15 = hi.selectFrom(r11, r15); r11 = t;
    lo = FloatVector.fromArray(S, SOURCES, 4 * N);
    hi = FloatVector.fromArray(S, SOURCES, 5 * N);
    t = lo.selectFrom(r0, r2); r2 = hi.selectFrom(r0, r2); r0 = t;
    t = lo.selectFrom(r1, r3); r3 = hi.selectFrom(r1, r3); r1 = t;
    t = lo.selectFrom(r4, r6); r6 = hi.selectFrom(r4, r6); r4 = t;
    t = lo.selectFrom(r5, r7); r7 = hi.selectFrom(r5, r7); r5 = t;
    t = lo.selectFrom(r8, r10); r10 = hi.selectFrom(r8, r10); r8 = t;
    t = lo.selectFrom(r9, r11); r11 = hi.selectFrom(r9, r11); r9 = t;
    t = lo.selectFrom(r12, r14); r14 = hi.selectFrom(r12, r14); r12 = t;
    t = lo.selectFrom(r13, r15); r15 = hi.selectFrom(r13, r15); r13 = t;
    lo = FloatVector.fromArray(S, SOURCES, 6 * N);
    hi = FloatVector.fromArray(S, SOURCES, 7 * N);
    t = lo.selectFrom(r0, r1); r1 = hi.selectFrom(r0, r1); r0 = t;
    t = lo.selectFrom(r2, r3); r3 = hi.selectFrom(r2, r3); r2 = t;
    t = lo.selectFrom(r4, r5); r5 = hi.selectFrom(r4, r5); r4 = t;
    t = lo.selectFrom(r6, r7); r7 = hi.selectFrom(r6, r7); r6 = t;
    t = lo.selectFrom(r8, r9); r9 = hi.selectFrom(r8, r9); r8 = t;
    t = lo.selectFrom(r10, r11); r11 = hi.selectFrom(r10, r11); r10 = t;
    t = lo.selectFrom(r12, r13); r13 = hi.selectFrom(r12, r13); r12 = t;
    t = lo.selectFrom(r14, r15); r15 = hi.selectFrom(r14, r15); r14 = t;
    r0.intoArray(dst, d);
    r1.intoArray(dst, d + ldd);
    r2.intoArray(dst, d + 2 * ldd);
    r3.intoArray(dst, d + 3 * ldd);
    r4.intoArray(dst, d + 4 * ldd);
    r5.intoArray(dst, d + 5 * ldd);
    r6.intoArray(dst, d + 6 * ldd);
    r7.intoArray(dst, d + 7 * ldd);
    r8.intoArray(dst, d + 8 * ldd);
    r9.intoArray(dst, d + 9 * ldd);
    r10.intoArray(dst, d + 10 * ldd);
    r11.intoArray(dst, d + 11 * ldd);
    r12.intoArray(dst, d + 12 * ldd);
    r13.intoArray(dst, d + 13 * ldd);
    r14.intoArray(dst, d + 14 * ldd);
    r15.intoArray(dst, d + 15 * ldd);
  }
}
