package dev.rill.core.kernel.conv;

import static dev.rill.core.kernel.conv.WindowTile.MR;
import static dev.rill.core.kernel.conv.WindowTile.NR;

import dev.rill.core.kernel.BiasActivation;
import dev.rill.core.kernel.Parallel;
import dev.rill.core.kernel.Scratch;

/**
 * Float32 convolution as an implicit GEMM: the im2col matrix is read in place from a zero-padded
 * copy of the input ({@link PaddedInput}) instead of being written out, and the packed filter
 * stays in L2 while {@link WindowTile} sums each tile of output pixels over its whole window.
 * Writing im2col blocks cost the MNIST conv2 about a fifth of its time and split its depth into
 * three GEMM blocks; here each tile's accumulators live in registers from the first tap to the
 * last (conv2 forward on one core: 24 ms as im2col + GEMM, 19 ms here).
 *
 * <p>The input gradient of a stride-1 convolution is itself a convolution, of the output gradient
 * with the filter flipped in space and with its channel axes swapped, so it runs here too.
 *
 * <p>Each output is one FMA chain over the window in (kh, kw, c) order, whichever thread computes
 * its tile and however many threads there are.
 */
final class ImplicitConv {
  /**
   * Largest packed filter, in floats (512 KiB), that stays in a 1 MiB L2 beside the input; tiles
   * of a larger one would stream it from memory, where im2col + GEMM blocks the depth instead.
   */
  private static final int MAX_PACKED = 1 << 17;
  /**
   * Output pixels per block of the filter gradient: their input windows and output gradients
   * (some 400 KiB for the MNIST conv2) stay in L2 while every tile passes over them.
   */
  private static final int PIXEL_BLOCK = 784;

  private ImplicitConv() {}

  /** Whether {@link #forward} takes this convolution. */
  static boolean applies(Geometry g) {
    return g.dilationW() == 1 && g.rows() > 0 && g.outC() >= WindowTile.L
        && (long) g.patch() * Math.ceilDiv(g.outC(), NR) * NR <= MAX_PACKED;
  }

  /** Whether {@link #backpropInput} takes the input gradient of this convolution. */
  static boolean appliesToInputGradient(Geometry g) {
    return g.strideH() == 1 && g.strideW() == 1 && g.dilationH() == 1 && g.dilationW() == 1
        && g.padTop() < g.kH() && g.padLeft() < g.kW() && applies(transposed(g));
  }

  /** {@code out = act(conv(in, filter) + bias)}, as {@link ConvKernel#forward}. */
  static void forward(float[] in, float[] filter, Geometry g, float[] out, float[] bias,
      boolean relu) {
    forward(in, filter, g, out, bias, relu, WindowTile.vectorReady());
  }

  /** {@link #forward} on the vector tile or on its scalar twin (the same bits). */
  static void forward(float[] in, float[] filter, Geometry g, float[] out, float[] bias,
      boolean relu, boolean vector) {
    float[] packed = pack(filter, g.patch(), g.outC());
    run(PaddedInput.scratch(in, g), packed, g, out, bias == null && relu ? new float[g.outC()]
        : bias, relu, vector);
  }

  /** {@code dIn} (overwritten) = the input gradient, as {@link ConvKernel#backpropInput}. */
  static void backpropInput(float[] filter, float[] dOut, Geometry g, float[] dIn) {
    backpropInput(filter, dOut, g, dIn, WindowTile.vectorReady());
  }

  /** {@link #backpropInput} on the vector tile or on its scalar twin (the same bits). */
  static void backpropInput(float[] filter, float[] dOut, Geometry g, float[] dIn,
      boolean vector) {
    Geometry t = transposed(g);
    float[] packed = packFlipped(filter, g);
    run(PaddedInput.scratch(dOut, t), packed, t, dIn, null, false, vector);
  }

  /**
   * {@code dFilter} ({@code g.patch() * g.outC()} elements, overwritten) = the filter gradient,
   * as {@link ConvKernel#backpropFilter}.
   */
  static void backpropFilter(float[] in, float[] dOut, Geometry g, float[] dFilter) {
    backpropFilter(in, dOut, g, dFilter, WindowTile.vectorReady());
  }

  /**
   * {@link #backpropFilter} on the vector tile or on its scalar twin (the same bits). Threads
   * split the tiles of the gradient, not the pixels, so no partial sums are needed; each walks
   * the pixels in blocks that stay in its L2 while all its tiles pass over them, and each
   * gradient value is the sum of its blocks' FMA chains in block order.
   */
  static void backpropFilter(float[] in, float[] dOut, Geometry g, float[] dFilter,
      boolean vector) {
    PaddedInput p = PaddedInput.scratch(in, g);
    float[] x = p.data();
    int patch = g.patch();
    int outC = g.outC();
    int rows = g.rows();
    int tapTiles = Math.ceilDiv(patch, MR);
    int panels = Math.ceilDiv(outC, NR);
    // a short last tile repeats its last tap; those rows are computed and dropped
    int[] taps = java.util.Arrays.copyOf(p.taps(g), tapTiles * MR);
    java.util.Arrays.fill(taps, patch, taps.length, taps[patch - 1]);
    int[] starts = new int[rows];
    for (int r = 0; r < rows; r++) {
      starts[r] = p.windowStart(g, r);
    }
    // whole vectors of channels in every row of the output gradient
    int ldd = panels * NR;
    float[] dy = ldd == outC ? dOut : widenRows(dOut, rows, outC, ldd);
    java.util.Arrays.fill(dFilter, 0, patch * outC, 0f);
    int items = tapTiles * panels;
    Parallel.range(items, Math.ceilDiv(items, Parallel.threads()), (from, to) -> {
      float[] edge = new float[MR * NR];
      for (int r0 = 0; r0 < rows; r0 += PIXEL_BLOCK) {
        int n = Math.min(PIXEL_BLOCK, rows - r0);
        for (int item = from; item < to; item++) {
          int t0 = item / panels * MR;
          int c0 = item % panels * NR;
          int nt = Math.min(MR, patch - t0);
          int nc = Math.min(NR, outC - c0);
          boolean whole = nt == MR && nc == NR;
          float[] dst = whole ? dFilter : edge;
          int at = whole ? t0 * outC + c0 : 0;
          int ld = whole ? outC : NR;
          if (!whole) {
            java.util.Arrays.fill(edge, 0f);
          }
          if (vector) {
            WindowTile.gradientTile(n, starts, r0, x, taps, t0, dy, r0 * ldd + c0, ldd, dst, at,
                ld);
          } else {
            WindowTile.scalarGradientTile(n, starts, r0, x, taps, t0, dy, r0 * ldd + c0, ldd,
                dst, at, ld);
          }
          if (!whole) {
            for (int t = 0; t < nt; t++) {
              for (int c = 0; c < nc; c++) {
                dFilter[(t0 + t) * outC + c0 + c] += edge[t * NR + c];
              }
            }
          }
        }
      }
    });
  }

  /** {@code rows} rows of {@code width} values copied into rows {@code stride} apart. */
  private static float[] widenRows(float[] src, int rows, int width, int stride) {
    float[] dst = new float[rows * stride];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(src, r * width, dst, r * stride, width);
    }
    return dst;
  }

  /**
   * The convolution whose output is {@code g}'s input gradient: it slides over the output
   * gradient, padded by the window's reach minus the forward padding, back to the input's size.
   */
  private static Geometry transposed(Geometry g) {
    return new Geometry(g.batch(), g.outH(), g.outW(), g.outC(), g.kH(), g.kW(), g.inC(), 1, 1,
        1, 1, g.inH(), g.inW(), g.kH() - 1 - g.padTop(), g.kW() - 1 - g.padLeft());
  }

  /** Tiles of {@code MR} output pixels, each through every panel of {@code NR} channels. */
  private static void run(PaddedInput p, float[] packed, Geometry g, float[] out, float[] bias,
      boolean relu, boolean vector) {
    int rows = g.rows();
    int outC = g.outC();
    int patch = g.patch();
    int panels = Math.ceilDiv(outC, NR);
    int runLength = g.kW() * g.inC();
    int khStep = g.dilationH() * p.w() * g.inC();
    float[] x = p.data();
    Parallel.range(Math.ceilDiv(rows, MR), 1, (from, to) -> {
      int[] start = new int[MR];
      float[] edge = new float[MR * NR];
      for (int t = from; t < to; t++) {
        int r0 = t * MR;
        int nr = Math.min(MR, rows - r0);
        // a short last tile repeats its last pixel; those rows are computed and dropped
        for (int r = 0; r < MR; r++) {
          start[r] = p.windowStart(g, r0 + Math.min(r, nr - 1));
        }
        for (int j = 0; j < panels; j++) {
          int c0 = j * NR;
          int nc = Math.min(NR, outC - c0);
          boolean whole = nr == MR && nc == NR;
          float[] dst = whole ? out : edge;
          int at = whole ? r0 * outC + c0 : 0;
          int ld = whole ? outC : NR;
          if (vector) {
            WindowTile.tile(g.kH(), runLength, khStep, x, start, packed, j * patch * NR, dst, at,
                ld);
          } else {
            WindowTile.scalarTile(g.kH(), runLength, khStep, x, start, packed, j * patch * NR,
                dst, at, ld);
          }
          if (!whole) {
            for (int r = 0; r < nr; r++) {
              System.arraycopy(edge, r * NR, out, (r0 + r) * outC + c0, nc);
            }
          }
        }
        if (bias != null) {
          BiasActivation.apply(out, r0 * outC, nr, bias, relu);
        }
      }
    });
  }

  /**
   * The HWIO filter ({@code [patch, outC]}) as panels of {@code NR} output channels, each
   * {@code [patch, NR]} with zeros past the last channel, in this thread's scratch.
   */
  private static float[] pack(float[] filter, int patch, int outC) {
    int panels = Math.ceilDiv(outC, NR);
    float[] pf = Scratch.floats(Scratch.Slot.PACKED_FILTER, panels * patch * NR);
    for (int j = 0; j < panels; j++) {
      int c0 = j * NR;
      int nc = Math.min(NR, outC - c0);
      for (int q = 0; q < patch; q++) {
        int dst = (j * patch + q) * NR;
        System.arraycopy(filter, q * outC + c0, pf, dst, nc);
        java.util.Arrays.fill(pf, dst + nc, dst + NR, 0f);
      }
    }
    return pf;
  }

  /**
   * The filter of {@link #transposed}{@code (g)}, packed as {@link #pack} does: tap
   * {@code (kh, kw, o)} and output channel {@code c} take {@code filter[kH-1-kh, kW-1-kw, c, o]}.
   */
  private static float[] packFlipped(float[] filter, Geometry g) {
    int inC = g.inC();
    int outC = g.outC();
    int patch = g.kH() * g.kW() * outC;
    int panels = Math.ceilDiv(inC, NR);
    float[] pf = Scratch.floats(Scratch.Slot.PACKED_FILTER, panels * patch * NR);
    for (int j = 0; j < panels; j++) {
      int c0 = j * NR;
      int nc = Math.min(NR, inC - c0);
      for (int kh = 0; kh < g.kH(); kh++) {
        for (int kw = 0; kw < g.kW(); kw++) {
          int src = ((g.kH() - 1 - kh) * g.kW() + g.kW() - 1 - kw) * inC * outC;
          for (int o = 0; o < outC; o++) {
            int dst = (j * patch + (kh * g.kW() + kw) * outC + o) * NR;
            for (int c = 0; c < nc; c++) {
              pf[dst + c] = filter[src + (c0 + c) * outC + o];
            }
            java.util.Arrays.fill(pf, dst + nc, dst + NR, 0f);
          }
        }
      }
    }
    return pf;
  }
}
