package dev.rill.core.kernel.conv;

import dev.rill.core.kernel.VectorWarmup;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernel of {@link ImplicitConv}: one tile of {@link #MR} output pixels by
 * {@link #NR} output channels, summed over a window straight from a {@link PaddedInput}. Row
 * {@code r} of the im2col matrix is never written: its values are {@code x[start[r] + q]}, and
 * within one filter row ({@code kh}) the window's {@code kW * inC} values are contiguous in the
 * padded input, so the walk over the window is runs of consecutive {@code q} (a whole window's,
 * or the part of it inside the input; see {@link TilePlan}). Each step loads two vectors of the
 * packed filter, broadcasts twelve input values and does 24 FMAs into accumulators that stay in
 * registers for the whole walk, then the tile is stored once, each pixel at its own offset.
 *
 * <p>{@link #gradientTile} is the filter gradient's tile, the same product transposed: {@code MR}
 * taps of the window by two vectors of output channels, summed over pixels.
 *
 * <p>Each output is one FMA chain in a fixed order, started from zero; the scalar twins run the
 * same chains one value at a time, for use until C2 has compiled the vector code (see
 * {@link VectorWarmup}), with the same bits.
 */
final class WindowTile {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  /** Lanes per vector. */
  static final int L = S.length();
  /** Output pixels per tile (taps, in the gradient's). */
  static final int MR = 12;
  /** Output channels per tile: two vectors. */
  static final int NR = 2 * L;

  private static final float[] TINY_X = new float[MR + 4];
  private static final int[] TINY_START = new int[MR];
  /** A run of two pixels, then one: the warm-up's gradient tile both stays in a run and leaves. */
  private static final int[] TINY_RUNS = {2, 1, 1, 1};
  private static final float[] TINY_FILTER = new float[6 * NR];
  private static final float[] TINY_OUT = new float[MR * NR];
  /** Where each row of a tile goes in a {@code MR x NR} array. */
  static final int[] ROWS_OF_NR = java.util.stream.IntStream.range(0, MR).map(r -> r * NR)
      .toArray();
  private static final VectorWarmup.Gate GATE = VectorWarmup.gate("window-tile",
      WindowTile::tinyCalls);

  private WindowTile() {}

  /**
   * Both tiles once on tiny operands: the warm-up's workload. Two runs of two steps, so that the
   * profile C2 compiles from has seen the walk both continue a run and jump to the next.
   */
  private static void tinyCalls() {
    tile(2, 2, 1, NR, TINY_X, TINY_START, TINY_FILTER, 0, TINY_OUT, ROWS_OF_NR, 0);
    gradientTile(3, TINY_START, TINY_START, TINY_RUNS, 1, 0, 0, TINY_X, 0, TINY_FILTER, 0,
        TINY_OUT);
    addTile(TINY_OUT, 0, NR, TINY_OUT, 0, NR, true);
    addTile(TINY_OUT, MR - 1, NR - 1, TINY_OUT, 0, NR, true);
  }

  /** Whether the vector tile is compiled; the first call starts warming it up. */
  static boolean vectorReady() {
    return GATE.ready();
  }

  /**
   * {@code c[at[r] + c0 + j] = sum over the walk of x[start[r] + q] * pf[bi + step * NR + j]} for
   * {@code r < MR}, {@code j < NR}. The walk is {@code runs} runs of {@code runLength} steps:
   * within a run {@code q} and the filter advance one step at a time, and between runs {@code q}
   * skips {@code xJump} values and the filter {@code filterJump} floats. {@code pf} holds the
   * packed filter's {@code NR} values per step. A whole window is {@code kH} runs of
   * {@code kW * inC} with no filter jump; a window cut to the taps that miss the padding skips
   * the rest of each filter row.
   */
  static void tile(int runs, int runLength, int xJump, int filterJump, float[] x, int[] start,
      float[] pf, int bi, float[] c, int[] at, int c0) {
    int o0 = start[0];
    int o1 = start[1];
    int o2 = start[2];
    int o3 = start[3];
    int o4 = start[4];
    int o5 = start[5];
    int o6 = start[6];
    int o7 = start[7];
    int o8 = start[8];
    int o9 = start[9];
    int o10 = start[10];
    int o11 = start[11];
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
    // One loop over the whole window, not a loop over its runs: with the nested loops C2 (under
    // G1, and depending on the profile) spilled accumulators in the inner loop, 40% slower.
    int steps = runs * runLength;
    int q = 0;
    int bp = bi;
    int left = runLength;
    for (int p = 0; p < steps; p++) {
      FloatVector b0 = FloatVector.fromArray(S, pf, bp);
      FloatVector b1 = FloatVector.fromArray(S, pf, bp + L);
      FloatVector av;
      av = FloatVector.broadcast(S, x[o0 + q]);
      c00a = av.fma(b0, c00a);
      c00b = av.fma(b1, c00b);
      av = FloatVector.broadcast(S, x[o1 + q]);
      c01a = av.fma(b0, c01a);
      c01b = av.fma(b1, c01b);
      av = FloatVector.broadcast(S, x[o2 + q]);
      c02a = av.fma(b0, c02a);
      c02b = av.fma(b1, c02b);
      av = FloatVector.broadcast(S, x[o3 + q]);
      c03a = av.fma(b0, c03a);
      c03b = av.fma(b1, c03b);
      av = FloatVector.broadcast(S, x[o4 + q]);
      c04a = av.fma(b0, c04a);
      c04b = av.fma(b1, c04b);
      av = FloatVector.broadcast(S, x[o5 + q]);
      c05a = av.fma(b0, c05a);
      c05b = av.fma(b1, c05b);
      av = FloatVector.broadcast(S, x[o6 + q]);
      c06a = av.fma(b0, c06a);
      c06b = av.fma(b1, c06b);
      av = FloatVector.broadcast(S, x[o7 + q]);
      c07a = av.fma(b0, c07a);
      c07b = av.fma(b1, c07b);
      av = FloatVector.broadcast(S, x[o8 + q]);
      c08a = av.fma(b0, c08a);
      c08b = av.fma(b1, c08b);
      av = FloatVector.broadcast(S, x[o9 + q]);
      c09a = av.fma(b0, c09a);
      c09b = av.fma(b1, c09b);
      av = FloatVector.broadcast(S, x[o10 + q]);
      c10a = av.fma(b0, c10a);
      c10b = av.fma(b1, c10b);
      av = FloatVector.broadcast(S, x[o11 + q]);
      c11a = av.fma(b0, c11a);
      c11b = av.fma(b1, c11b);
      q++;
      bp += NR;
      if (--left == 0) {
        q += xJump;
        bp += filterJump;
        left = runLength;
      }
    }
    int ci = at[0] + c0;
    c00a.intoArray(c, ci);
    c00b.intoArray(c, ci + L);
    ci = at[1] + c0;
    c01a.intoArray(c, ci);
    c01b.intoArray(c, ci + L);
    ci = at[2] + c0;
    c02a.intoArray(c, ci);
    c02b.intoArray(c, ci + L);
    ci = at[3] + c0;
    c03a.intoArray(c, ci);
    c03b.intoArray(c, ci + L);
    ci = at[4] + c0;
    c04a.intoArray(c, ci);
    c04b.intoArray(c, ci + L);
    ci = at[5] + c0;
    c05a.intoArray(c, ci);
    c05b.intoArray(c, ci + L);
    ci = at[6] + c0;
    c06a.intoArray(c, ci);
    c06b.intoArray(c, ci + L);
    ci = at[7] + c0;
    c07a.intoArray(c, ci);
    c07b.intoArray(c, ci + L);
    ci = at[8] + c0;
    c08a.intoArray(c, ci);
    c08b.intoArray(c, ci + L);
    ci = at[9] + c0;
    c09a.intoArray(c, ci);
    c09b.intoArray(c, ci + L);
    ci = at[10] + c0;
    c10a.intoArray(c, ci);
    c10b.intoArray(c, ci + L);
    ci = at[11] + c0;
    c11a.intoArray(c, ci);
    c11b.intoArray(c, ci + L);
  }

  /**
   * {@link #tile} one value at a time: the same FMA chains, the same bits. Blocks of two pixels by
   * four channels keep eight chains in registers over the whole walk; chains through {@code c}
   * in memory made this twin, which the first training step runs, five times slower.
   */
  static void scalarTile(int runs, int runLength, int xJump, int filterJump, float[] x,
      int[] start, float[] pf, int bi, float[] c, int[] at, int c0) {
    for (int r = 0; r < MR; r += 2) {
      for (int j = 0; j < NR; j += 4) {
        walkBlock(runs, runLength, xJump, filterJump, x, start[r], start[r + 1], pf, bi + j, c,
            at[r] + c0 + j, at[r + 1] + c0 + j);
      }
    }
  }

  /** Pixels at {@code s0, s1} by four channels, stored at {@code o0, o1}; see {@link #scalarTile}. */
  private static void walkBlock(int runs, int runLength, int xJump, int filterJump, float[] x,
      int s0, int s1, float[] pf, int bi, float[] c, int o0, int o1) {
    float c00 = 0f;
    float c01 = 0f;
    float c02 = 0f;
    float c03 = 0f;
    float c10 = 0f;
    float c11 = 0f;
    float c12 = 0f;
    float c13 = 0f;
    int q = 0;
    int bp = bi;
    for (int run = 0; run < runs; run++, q += xJump, bp += filterJump) {
      for (int end = q + runLength; q < end; q++, bp += NR) {
        float a0 = x[s0 + q];
        float a1 = x[s1 + q];
        float b0 = pf[bp];
        float b1 = pf[bp + 1];
        float b2 = pf[bp + 2];
        float b3 = pf[bp + 3];
        c00 = Math.fma(a0, b0, c00);
        c01 = Math.fma(a0, b1, c01);
        c02 = Math.fma(a0, b2, c02);
        c03 = Math.fma(a0, b3, c03);
        c10 = Math.fma(a1, b0, c10);
        c11 = Math.fma(a1, b1, c11);
        c12 = Math.fma(a1, b2, c12);
        c13 = Math.fma(a1, b3, c13);
      }
    }
    c[o0] = c00;
    c[o0 + 1] = c01;
    c[o0 + 2] = c02;
    c[o0 + 3] = c03;
    c[o1] = c10;
    c[o1 + 1] = c11;
    c[o1 + 2] = c12;
    c[o1 + 3] = c13;
  }

  /**
   * The filter gradient's tile: {@code acc[r * NR + j] = sum over i < n of
   * x[starts[si + i] + xt + r] * dOut[rows[si + i] + d0 + j]} for {@code r < MR}, {@code j < NR}:
   * {@code MR} consecutive taps of one window row by two vectors of output channels, summed over
   * {@code n} pixels whose windows start at {@code starts} and whose output gradients start at
   * {@code rows}. Each sum is one FMA chain over the pixels in order, started from zero; the caller
   * adds the tile where it belongs ({@link #addTile}).
   *
   * <p>The pixels come in runs ({@code runLeft[i]} pixels from {@code i} on) along which the
   * window start grows by {@code sStep} and the output gradient row by {@code dStep}, so the loop
   * reads the index arrays once a run, not once a pixel, and addresses the taps as constant
   * offsets from one start: with twelve tap offsets and two index loads a pixel it ran at 83% of
   * the forward tile's speed, and at its speed without. {@code starts} and {@code rows} have an
   * entry past the last pixel, read when the last run ends. Adding the tile here, 24 loads and
   * stores more, took C2 past its node budget: most of the adds were left as calls that boxed
   * their vectors.
   */
  static void gradientTile(int n, int[] starts, int[] rows, int[] runLeft, int sStep, int dStep,
      int si, float[] x, int xt, float[] dOut, int d0, float[] acc) {
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
    int end = si + n;
    int s = starts[si] + xt;
    int dp = rows[si] + d0;
    int left = Math.min(runLeft[si], n);
    // one loop over the pixels, not a loop over runs: C2 spilled accumulators in nested loops
    for (int p = 0; p < n; p++) {
      FloatVector b0 = FloatVector.fromArray(S, dOut, dp);
      FloatVector b1 = FloatVector.fromArray(S, dOut, dp + L);
      FloatVector av;
      av = FloatVector.broadcast(S, x[s]);
      c00a = av.fma(b0, c00a);
      c00b = av.fma(b1, c00b);
      av = FloatVector.broadcast(S, x[s + 1]);
      c01a = av.fma(b0, c01a);
      c01b = av.fma(b1, c01b);
      av = FloatVector.broadcast(S, x[s + 2]);
      c02a = av.fma(b0, c02a);
      c02b = av.fma(b1, c02b);
      av = FloatVector.broadcast(S, x[s + 3]);
      c03a = av.fma(b0, c03a);
      c03b = av.fma(b1, c03b);
      av = FloatVector.broadcast(S, x[s + 4]);
      c04a = av.fma(b0, c04a);
      c04b = av.fma(b1, c04b);
      av = FloatVector.broadcast(S, x[s + 5]);
      c05a = av.fma(b0, c05a);
      c05b = av.fma(b1, c05b);
      av = FloatVector.broadcast(S, x[s + 6]);
      c06a = av.fma(b0, c06a);
      c06b = av.fma(b1, c06b);
      av = FloatVector.broadcast(S, x[s + 7]);
      c07a = av.fma(b0, c07a);
      c07b = av.fma(b1, c07b);
      av = FloatVector.broadcast(S, x[s + 8]);
      c08a = av.fma(b0, c08a);
      c08b = av.fma(b1, c08b);
      av = FloatVector.broadcast(S, x[s + 9]);
      c09a = av.fma(b0, c09a);
      c09b = av.fma(b1, c09b);
      av = FloatVector.broadcast(S, x[s + 10]);
      c10a = av.fma(b0, c10a);
      c10b = av.fma(b1, c10b);
      av = FloatVector.broadcast(S, x[s + 11]);
      c11a = av.fma(b0, c11a);
      c11b = av.fma(b1, c11b);
      s += sStep;
      dp += dStep;
      if (--left == 0) {
        // the next run: its window and output gradient rows (starts and rows end in a sentinel)
        int i = si + p + 1;
        s = starts[i] + xt;
        dp = rows[i] + d0;
        left = Math.min(runLeft[i], end - i);
      }
    }
    c00a.intoArray(acc, 0);
    c00b.intoArray(acc, L);
    c01a.intoArray(acc, NR);
    c01b.intoArray(acc, NR + L);
    c02a.intoArray(acc, 2 * NR);
    c02b.intoArray(acc, 2 * NR + L);
    c03a.intoArray(acc, 3 * NR);
    c03b.intoArray(acc, 3 * NR + L);
    c04a.intoArray(acc, 4 * NR);
    c04b.intoArray(acc, 4 * NR + L);
    c05a.intoArray(acc, 5 * NR);
    c05b.intoArray(acc, 5 * NR + L);
    c06a.intoArray(acc, 6 * NR);
    c06b.intoArray(acc, 6 * NR + L);
    c07a.intoArray(acc, 7 * NR);
    c07b.intoArray(acc, 7 * NR + L);
    c08a.intoArray(acc, 8 * NR);
    c08b.intoArray(acc, 8 * NR + L);
    c09a.intoArray(acc, 9 * NR);
    c09b.intoArray(acc, 9 * NR + L);
    c10a.intoArray(acc, 10 * NR);
    c10b.intoArray(acc, 10 * NR + L);
    c11a.intoArray(acc, 11 * NR);
    c11b.intoArray(acc, 11 * NR + L);
  }

  /** {@code c[at .. at + L) += v}. */
  static void addInto(float[] c, int at, FloatVector v) {
    FloatVector.fromArray(S, c, at).add(v).intoArray(c, at);
  }

  /**
   * {@code c[ci + r * ldc + j] += acc[r * NR + j]} for {@code from <= r < MR}, {@code j < nc}: a
   * tile of {@link #gradientTile} added where it belongs, with vectors or ({@code vector} false,
   * until C2 has compiled them, or a partial panel of channels) one value at a time, the same bits.
   */
  static void addTile(float[] acc, int from, int nc, float[] c, int ci, int ldc, boolean vector) {
    for (int r = from; r < MR; r++) {
      int at = ci + r * ldc;
      if (vector && nc == NR) {
        addInto(c, at, FloatVector.fromArray(S, acc, r * NR));
        addInto(c, at + L, FloatVector.fromArray(S, acc, r * NR + L));
      } else {
        for (int j = 0; j < nc; j++) {
          c[at + j] += acc[r * NR + j];
        }
      }
    }
  }

  /**
   * {@link #gradientTile} one value at a time: the same FMA chains, the same bits, in blocks of
   * two taps by four channels as {@link #scalarTile}.
   */
  static void scalarGradientTile(int n, int[] starts, int[] rows, int si, float[] x, int xt,
      float[] dOut, int d0, float[] acc) {
    for (int r = 0; r < MR; r += 2) {
      for (int j = 0; j < NR; j += 4) {
        gradientBlock(n, starts, rows, si, x, xt + r, xt + r + 1, dOut, d0 + j, acc,
            r * NR + j);
      }
    }
  }

  /** Taps {@code t0, t1} by channels {@code j .. j + 3} of {@link #scalarGradientTile}. */
  private static void gradientBlock(int n, int[] starts, int[] rows, int si, float[] x, int t0,
      int t1, float[] dOut, int d0, float[] acc, int o) {
    float c00 = 0f;
    float c01 = 0f;
    float c02 = 0f;
    float c03 = 0f;
    float c10 = 0f;
    float c11 = 0f;
    float c12 = 0f;
    float c13 = 0f;
    for (int i = si; i < si + n; i++) {
      int s = starts[i];
      int dp = rows[i] + d0;
      float a0 = x[s + t0];
      float a1 = x[s + t1];
      float b0 = dOut[dp];
      float b1 = dOut[dp + 1];
      float b2 = dOut[dp + 2];
      float b3 = dOut[dp + 3];
      c00 = Math.fma(a0, b0, c00);
      c01 = Math.fma(a0, b1, c01);
      c02 = Math.fma(a0, b2, c02);
      c03 = Math.fma(a0, b3, c03);
      c10 = Math.fma(a1, b0, c10);
      c11 = Math.fma(a1, b1, c11);
      c12 = Math.fma(a1, b2, c12);
      c13 = Math.fma(a1, b3, c13);
    }
    acc[o] = c00;
    acc[o + 1] = c01;
    acc[o + 2] = c02;
    acc[o + 3] = c03;
    acc[o + NR] = c10;
    acc[o + NR + 1] = c11;
    acc[o + NR + 2] = c12;
    acc[o + NR + 3] = c13;
  }
}
