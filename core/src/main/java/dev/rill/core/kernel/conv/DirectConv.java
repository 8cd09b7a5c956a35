package dev.rill.core.kernel.conv;

import dev.rill.core.kernel.BiasActivation;
import dev.rill.core.kernel.Parallel;
import dev.rill.core.kernel.VectorWarmup;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 convolution computed straight from a zero-padded copy of the input, for layers whose
 * input has few channels (a grayscale or RGB image). There im2col would copy every pixel
 * {@code kH * kW} times in runs of a few floats to feed a GEMM of depth {@code kH * kW * inC}, and
 * the copying costs more than the multiply-adds. Here each output pixel reads its window through a
 * table of tap offsets, and the output channels are vector lanes.
 *
 * <p>Each output value is one float chain over the taps in (kh, kw, c) order, as in
 * {@link ConvKernel}. The filter gradient sums pixels in fixed blocks and fixed parts, so its
 * value does not depend on the number of threads.
 */
final class DirectConv {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** Largest {@code inC * kW} handled here; wider windows are cheap to unfold. */
  private static final int MAX_ROW_TAPS = 16;
  /** Output pixels whose gradients are reused for every tap while in L1. */
  private static final int PIXEL_BLOCK = 128;
  /** Fixed number of partial sums of the filter gradient. */
  private static final int PARTS = 8;
  /** Arrays of the warm-up's tiny convolution (see {@link #tinyCalls}). */
  private static final float[] TINY_IN = new float[12];
  private static final float[] TINY_FILTER = new float[3 * L];
  private static final float[] TINY_OUT = new float[12 * 3 * L];
  private static final float[] TINY_ACC = new float[4 * 3 * L];
  private static final int[] TINY_START = new int[12];
  private static final int[] TINY_TAPS = {0, 1, 2, 3};
  private static final VectorWarmup.Gate GATE = VectorWarmup.gate("direct-conv",
      DirectConv::tinyCalls);

  private DirectConv() {}

  /** Whether this kernel takes the convolution: few input channels, whole vectors of outputs. */
  static boolean applies(Geometry g) {
    return g.inC() * g.kW() <= MAX_ROW_TAPS && g.outC() % L == 0 && g.dilationH() == 1
        && g.dilationW() == 1 && g.rows() > 0;
  }

  /** {@code out = conv(in, filter)}, as {@link ConvKernel#forward}. */
  static void forward(float[] in, float[] filter, Geometry g, float[] out) {
    forward(in, filter, g, out, null, false);
  }

  /**
   * {@code out = act(conv(in, filter) + bias)}, as {@link ConvKernel#forward}; with a bias (or
   * relu) each vector of sums gets them in registers before it is stored.
   */
  static void forward(float[] in, float[] filter, Geometry g, float[] out, float[] bias,
      boolean relu) {
    forward(in, filter, g, out, bias, relu, GATE.ready());
  }

  /** {@link #forward} on the vector path or on its scalar twin (the same bits). */
  static void forward(float[] in, float[] filter, Geometry g, float[] out, float[] bias,
      boolean relu, boolean vector) {
    boolean epilogue = bias != null || relu;
    float[] b = bias == null && relu ? new float[g.outC()] : bias;
    PaddedInput p = PaddedInput.scratch(in, g);
    Lines job = new Lines(g, p, p.taps(g), filter, out, b, epilogue, relu);
    Parallel.range(g.batch() * g.outH(), 1, (from, to) -> {
      if (vector) {
        vectorLines(job, from, to);
      } else {
        scalarLines(job, from, to);
      }
    });
  }

  /** What the forward pass over output lines needs; {@code bias} is null without an epilogue. */
  private record Lines(Geometry g, PaddedInput p, int[] taps, float[] filter, float[] out,
      float[] bias, boolean epilogue, boolean relu) {}

  /** Output lines {@code [from, to)} (an image's output row each) with vectors of channels. */
  private static void vectorLines(Lines job, int from, int to) {
    Geometry g = job.g;
    PaddedInput p = job.p;
    int[] taps = job.taps;
    float[] x = p.data();
    float[] filter = job.filter;
    float[] out = job.out;
    float[] b = job.bias;
    boolean epilogue = job.epilogue;
    boolean relu = job.relu;
    int outC = g.outC();
    int k = taps.length;
    int strideC = g.strideW() * g.inC();
    for (int line = from; line < to; line++) {
      int row0 = line * g.outW();
      int ow = 0;
      // four pixels of a line at a time: each filter vector loaded once feeds four FMAs
      for (; ow + 4 <= g.outW(); ow += 4) {
        int s0 = p.windowStart(g, row0 + ow);
        int o0 = (row0 + ow) * outC;
        int j = 0;
        for (; j + 2 * L <= outC; j += 2 * L) {
          fourPixelsTwoVectors(x, s0, strideC, taps, filter, j, outC, out, o0, b, epilogue,
              relu);
        }
        for (; j < outC; j += L) {
          FloatVector a0 = FloatVector.zero(S);
          FloatVector a1 = a0;
          FloatVector a2 = a0;
          FloatVector a3 = a0;
          for (int t = 0; t < k; t++) {
            FloatVector wv = FloatVector.fromArray(S, filter, t * outC + j);
            int xi = s0 + taps[t];
            a0 = FloatVector.broadcast(S, x[xi]).fma(wv, a0);
            a1 = FloatVector.broadcast(S, x[xi + strideC]).fma(wv, a1);
            a2 = FloatVector.broadcast(S, x[xi + 2 * strideC]).fma(wv, a2);
            a3 = FloatVector.broadcast(S, x[xi + 3 * strideC]).fma(wv, a3);
          }
          if (epilogue) {
            a0 = BiasActivation.apply(a0, b, j, relu);
            a1 = BiasActivation.apply(a1, b, j, relu);
            a2 = BiasActivation.apply(a2, b, j, relu);
            a3 = BiasActivation.apply(a3, b, j, relu);
          }
          a0.intoArray(out, o0 + j);
          a1.intoArray(out, o0 + outC + j);
          a2.intoArray(out, o0 + 2 * outC + j);
          a3.intoArray(out, o0 + 3 * outC + j);
        }
      }
      for (; ow < g.outW(); ow++) {
        int s0 = p.windowStart(g, row0 + ow);
        int o0 = (row0 + ow) * outC;
        for (int j = 0; j < outC; j += L) {
          FloatVector a0 = FloatVector.zero(S);
          for (int t = 0; t < k; t++) {
            a0 = FloatVector.broadcast(S, x[s0 + taps[t]])
                .fma(FloatVector.fromArray(S, filter, t * outC + j), a0);
          }
          if (epilogue) {
            a0 = BiasActivation.apply(a0, b, j, relu);
          }
          a0.intoArray(out, o0 + j);
        }
      }
    }
  }

  /**
   * The scalar twin of {@link #vectorLines}, used until the vector code is compiled: each output
   * is the same FMA chain over the taps, then the same bias and relu, so the bits are the same.
   */
  private static void scalarLines(Lines job, int from, int to) {
    Geometry g = job.g;
    for (int row = from * g.outW(); row < to * g.outW(); row++) {
      scalarPixel(job, job.p.windowStart(g, row), row * g.outC());
    }
  }

  /**
   * Every channel of one output pixel, for {@link #scalarLines}. A method per pixel, not loops
   * inlined in the loop over lines: the first training step runs this twin while C2 compiles the
   * vector code, and a method called per pixel is compiled by C1 within milliseconds, where one
   * long loop stayed in the interpreter for over half a second (the MNIST conv1, 78,400 pixels).
   */
  private static void scalarPixel(Lines job, int s0, int o) {
    int[] taps = job.taps;
    float[] x = job.p.data();
    float[] filter = job.filter;
    int outC = job.g.outC();
    for (int j = 0; j < outC; j++) {
      float acc = 0f;
      for (int t = 0; t < taps.length; t++) {
        acc = Math.fma(x[s0 + taps[t]], filter[t * outC + j], acc);
      }
      if (job.epilogue) {
        acc += job.bias[j];
        acc = job.relu && !(acc > 0f) ? 0f : acc;
      }
      job.out[o + j] = acc;
    }
  }

  /**
   * Output vectors {@code j} and {@code j + L} of four adjacent pixels: eight independent FMA
   * chains that share each broadcast input value and each filter vector, enough to keep the FMA
   * unit busy through its latency. Each chain runs over the taps in order, as the loop it stands
   * in for.
   */
  private static void fourPixelsTwoVectors(float[] x, int s0, int strideC, int[] taps,
      float[] filter, int j, int outC, float[] out, int o0, float[] b, boolean epilogue,
      boolean relu) {
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    FloatVector c0 = a0;
    FloatVector c1 = a0;
    FloatVector c2 = a0;
    FloatVector c3 = a0;
    for (int t = 0; t < taps.length; t++) {
      FloatVector w0 = FloatVector.fromArray(S, filter, t * outC + j);
      FloatVector w1 = FloatVector.fromArray(S, filter, t * outC + j + L);
      int xi = s0 + taps[t];
      FloatVector v = FloatVector.broadcast(S, x[xi]);
      a0 = v.fma(w0, a0);
      c0 = v.fma(w1, c0);
      v = FloatVector.broadcast(S, x[xi + strideC]);
      a1 = v.fma(w0, a1);
      c1 = v.fma(w1, c1);
      v = FloatVector.broadcast(S, x[xi + 2 * strideC]);
      a2 = v.fma(w0, a2);
      c2 = v.fma(w1, c2);
      v = FloatVector.broadcast(S, x[xi + 3 * strideC]);
      a3 = v.fma(w0, a3);
      c3 = v.fma(w1, c3);
    }
    if (epilogue) {
      a0 = BiasActivation.apply(a0, b, j, relu);
      a1 = BiasActivation.apply(a1, b, j, relu);
      a2 = BiasActivation.apply(a2, b, j, relu);
      a3 = BiasActivation.apply(a3, b, j, relu);
      c0 = BiasActivation.apply(c0, b, j + L, relu);
      c1 = BiasActivation.apply(c1, b, j + L, relu);
      c2 = BiasActivation.apply(c2, b, j + L, relu);
      c3 = BiasActivation.apply(c3, b, j + L, relu);
    }
    a0.intoArray(out, o0 + j);
    c0.intoArray(out, o0 + j + L);
    a1.intoArray(out, o0 + outC + j);
    c1.intoArray(out, o0 + outC + j + L);
    a2.intoArray(out, o0 + 2 * outC + j);
    c2.intoArray(out, o0 + 2 * outC + j + L);
    a3.intoArray(out, o0 + 3 * outC + j);
    c3.intoArray(out, o0 + 3 * outC + j + L);
  }

  /**
   * Filter-gradient vectors {@code j} and {@code j + L} of taps {@code t .. t + 3} over pixels
   * {@code [r0, r1)}: eight chains sharing each gradient vector and each input value, each summed
   * over the pixels in order and then added to {@code acc}, as the loop it stands in for.
   */
  private static void fourTapsTwoVectors(float[] x, int[] start, int r0, int r1, int t,
      int[] taps, float[] dOut, int j, int outC, float[] acc) {
    int tap0 = taps[t];
    int tap1 = taps[t + 1];
    int tap2 = taps[t + 2];
    int tap3 = taps[t + 3];
    FloatVector s0 = FloatVector.zero(S);
    FloatVector s1 = s0;
    FloatVector s2 = s0;
    FloatVector s3 = s0;
    FloatVector u0 = s0;
    FloatVector u1 = s0;
    FloatVector u2 = s0;
    FloatVector u3 = s0;
    for (int r = r0; r < r1; r++) {
      int st = start[r - r0];
      FloatVector d = FloatVector.fromArray(S, dOut, r * outC + j);
      FloatVector e = FloatVector.fromArray(S, dOut, r * outC + j + L);
      FloatVector v = FloatVector.broadcast(S, x[st + tap0]);
      s0 = v.fma(d, s0);
      u0 = v.fma(e, u0);
      v = FloatVector.broadcast(S, x[st + tap1]);
      s1 = v.fma(d, s1);
      u1 = v.fma(e, u1);
      v = FloatVector.broadcast(S, x[st + tap2]);
      s2 = v.fma(d, s2);
      u2 = v.fma(e, u2);
      v = FloatVector.broadcast(S, x[st + tap3]);
      s3 = v.fma(d, s3);
      u3 = v.fma(e, u3);
    }
    WindowTile.addInto(acc, t * outC + j, s0);
    WindowTile.addInto(acc, t * outC + j + L, u0);
    WindowTile.addInto(acc, (t + 1) * outC + j, s1);
    WindowTile.addInto(acc, (t + 1) * outC + j + L, u1);
    WindowTile.addInto(acc, (t + 2) * outC + j, s2);
    WindowTile.addInto(acc, (t + 2) * outC + j + L, u2);
    WindowTile.addInto(acc, (t + 3) * outC + j, s3);
    WindowTile.addInto(acc, (t + 3) * outC + j + L, u3);
  }

  /** {@code dFilter} (overwritten) gets the filter gradient, as {@link ConvKernel#backpropFilter}. */
  static void backpropFilter(float[] in, float[] dOut, Geometry g, float[] dFilter) {
    backpropFilter(in, dOut, g, dFilter, GATE.ready());
  }

  /** {@link #backpropFilter} on the vector path or on its scalar twin (the same bits). */
  static void backpropFilter(float[] in, float[] dOut, Geometry g, float[] dFilter,
      boolean vector) {
    PaddedInput p = PaddedInput.scratch(in, g);
    int[] taps = p.taps(g);
    int outC = g.outC();
    int k = taps.length;
    int blocks = Math.ceilDiv(g.rows(), PIXEL_BLOCK);
    int parts = Math.min(PARTS, blocks);
    float[][] partial = new float[parts][k * outC];
    Parallel.range(parts, 1, (pFrom, pTo) -> {
      int[] start = new int[PIXEL_BLOCK];
      for (int part = pFrom; part < pTo; part++) {
        for (int b = (int) ((long) blocks * part / parts); b < (long) blocks * (part + 1) / parts;
            b++) {
          int r0 = b * PIXEL_BLOCK;
          int r1 = Math.min(g.rows(), r0 + PIXEL_BLOCK);
          for (int r = r0; r < r1; r++) {
            start[r - r0] = p.windowStart(g, r);
          }
          if (vector) {
            vectorFilterBlock(p.data(), start, r0, r1, taps, dOut, outC, partial[part]);
          } else {
            scalarFilterBlock(p.data(), start, r0, r1, taps, dOut, outC, partial[part]);
          }
        }
      }
    });
    java.util.Arrays.fill(dFilter, 0, k * outC, 0f);
    for (float[] acc : partial) {
      for (int i = 0; i < k * outC; i++) {
        dFilter[i] += acc[i];
      }
    }
  }

  /**
   * Adds the filter gradient of pixels {@code [r0, r1)} (windows starting at {@code start}) to
   * {@code acc}. The block's output gradients stay in L1 while every tap passes over them; four
   * taps at a time (times two vectors where outC allows) make independent FMA chains that share
   * each gradient load.
   */
  private static void vectorFilterBlock(float[] x, int[] start, int r0, int r1, int[] taps,
      float[] dOut, int outC, float[] acc) {
    int k = taps.length;
    int t = 0;
    for (; t + 4 <= k; t += 4) {
      int tap0 = taps[t];
      int tap1 = taps[t + 1];
      int tap2 = taps[t + 2];
      int tap3 = taps[t + 3];
      int j = 0;
      for (; j + 2 * L <= outC; j += 2 * L) {
        fourTapsTwoVectors(x, start, r0, r1, t, taps, dOut, j, outC, acc);
      }
      for (; j < outC; j += L) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        for (int r = r0; r < r1; r++) {
          int st = start[r - r0];
          FloatVector d = FloatVector.fromArray(S, dOut, r * outC + j);
          s0 = FloatVector.broadcast(S, x[st + tap0]).fma(d, s0);
          s1 = FloatVector.broadcast(S, x[st + tap1]).fma(d, s1);
          s2 = FloatVector.broadcast(S, x[st + tap2]).fma(d, s2);
          s3 = FloatVector.broadcast(S, x[st + tap3]).fma(d, s3);
        }
        WindowTile.addInto(acc, t * outC + j, s0);
        WindowTile.addInto(acc, (t + 1) * outC + j, s1);
        WindowTile.addInto(acc, (t + 2) * outC + j, s2);
        WindowTile.addInto(acc, (t + 3) * outC + j, s3);
      }
    }
    for (; t < k; t++) {
      int tap = taps[t];
      for (int j = 0; j < outC; j += L) {
        FloatVector sum = FloatVector.zero(S);
        for (int r = r0; r < r1; r++) {
          sum = FloatVector.broadcast(S, x[start[r - r0] + tap])
              .fma(FloatVector.fromArray(S, dOut, r * outC + j), sum);
        }
        WindowTile.addInto(acc, t * outC + j, sum);
      }
    }
  }

  /**
   * The scalar twin of {@link #vectorFilterBlock}: per tap and channel the same FMA chain over the
   * block's pixels, then the same add into {@code acc}.
   */
  private static void scalarFilterBlock(float[] x, int[] start, int r0, int r1, int[] taps,
      float[] dOut, int outC, float[] acc) {
    for (int t = 0; t < taps.length; t++) {
      for (int j = 0; j < outC; j++) {
        float sum = 0f;
        for (int r = r0; r < r1; r++) {
          sum = Math.fma(x[start[r - r0] + taps[t]], dOut[r * outC + j], sum);
        }
        acc[t * outC + j] += sum;
      }
    }
  }

  /**
   * Both vector paths once on a 1 x 2 x 6 x 1 image into {@code 3 L} channels, enough to run the
   * two-vector and one-vector loops and the pixel tail: the warm-up's workload.
   */
  private static void tinyCalls() {
    Geometry g = new Geometry(1, 2, 6, 1, 1, 1, 3 * L, 1, 1, 1, 1, 2, 6, 0, 0);
    PaddedInput p = PaddedInput.of(TINY_IN, g);
    int[] taps = p.taps(g);
    vectorLines(new Lines(g, p, taps, TINY_FILTER, TINY_OUT, TINY_FILTER, true, true), 0, 2);
    vectorFilterBlock(p.data(), TINY_START, 0, 12, TINY_TAPS, TINY_OUT, 3 * L, TINY_ACC);
  }
}
