package dev.rill.core.kernel.conv;

import static dev.rill.core.kernel.conv.WindowTile.MR;
import static dev.rill.core.kernel.conv.WindowTile.NR;

import dev.rill.core.kernel.BiasActivation;
import dev.rill.core.kernel.Parallel;
import dev.rill.core.kernel.Scratch;

/**
 * Float32 convolution as an implicit GEMM: the im2col matrix is read in place from a zero-padded
 * copy of the input ({@link PaddedInput}) instead of being written out, and the packed filter
 * stays in L2 while {@link WindowTile} sums each tile of output pixels over its window, skipping
 * the taps that fall in the padding where {@link TilePlan} can group pixels by them. Writing
 * im2col blocks cost the MNIST conv2 about a fifth of its time and split its depth into three
 * GEMM blocks; here each tile's accumulators live in registers from the first tap to the last
 * (conv2 forward on one core: 23 ms as im2col + GEMM, 19 ms here over whole windows, 17 ms
 * without the padding's taps).
 *
 * <p>The input gradient of a stride-1 convolution is itself a convolution, of the output gradient
 * with the filter flipped in space and with its channel axes swapped, so it runs here too.
 *
 * <p>Each output is one FMA chain over its window's taps in (kh, kw, c) order (those inside the
 * input, when its tile's class skips the rest), whichever thread computes its tile and however
 * many threads there are.
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

  /**
   * Whether {@link #backpropFilter} takes the filter gradient of this convolution: its tiles of
   * taps lie in one window row, which must hold one.
   */
  static boolean appliesToFilterGradient(Geometry g) {
    return applies(g) && g.kW() * g.inC() >= MR;
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
   * the pixels, in the order of the forward pass's {@link TilePlan}, in blocks that stay in its
   * L2 while all its tiles pass over them, and a tile of taps skips the classes of pixels whose
   * windows put all its taps in the padding. A tile's taps are consecutive in one window row (the
   * last tile of a row starts early enough to end with it, and adds only the taps the one before
   * it did not), so the tile reads them at constant offsets from the window's start. Each
   * gradient value is the sum of its blocks' FMA chains in block order.
   */
  static void backpropFilter(float[] in, float[] dOut, Geometry g, float[] dFilter,
      boolean vector) {
    PaddedInput p = PaddedInput.scratch(in, g);
    float[] x = p.data();
    int patch = g.patch();
    int outC = g.outC();
    int rows = g.rows();
    int rowTaps = g.kW() * g.inC();
    int tilesPerRow = Math.ceilDiv(rowTaps, MR);
    int tapTiles = g.kH() * tilesPerRow;
    int panels = Math.ceilDiv(outC, NR);
    int[] taps = p.taps(g);
    // pixels in the order of the forward pass's plan: a tile of taps sums only the classes of
    // pixels whose windows keep one of its taps inside the input
    TilePlan plan = TilePlan.of(g, p);
    int[] order = plan.pixels();
    int[] classStart = plan.classStart();
    int classes = plan.windows().size();
    // whole vectors of channels in every row of the output gradient
    int ldd = panels * NR;
    int sStep = g.strideW() * g.inC();
    // one entry past the last pixel, which a tile reads as its last run ends
    int[] starts = new int[rows + 1];
    int[] dRows = new int[rows + 1];
    int[] runLeft = new int[rows + 1];
    for (int i = 0; i < rows; i++) {
      starts[i] = p.windowStart(g, order[i]);
      dRows[i] = order[i] * ldd;
    }
    for (int i = rows - 1; i >= 0; i--) {
      boolean next = i + 1 < rows && starts[i + 1] == starts[i] + sStep
          && dRows[i + 1] == dRows[i] + ldd;
      runLeft[i] = next ? runLeft[i + 1] + 1 : 1;
    }
    // the first tap of each tile, and the taps at its start that the tile before it has added
    int[] first = new int[tapTiles];
    int[] skip = new int[tapTiles];
    boolean[][] needs = new boolean[tapTiles][classes];
    for (int tt = 0; tt < tapTiles; tt++) {
      int kh = tt / tilesPerRow;
      int at = tt % tilesPerRow * MR;
      int start = Math.min(at, rowTaps - MR);
      first[tt] = kh * rowTaps + start;
      skip[tt] = at - start;
      for (int r = 0; r < MR; r++) {
        int kw = (start + r) / g.inC();
        for (int k = 0; k < classes; k++) {
          needs[tt][k] |= plan.windows().get(k).contains(kh, kw);
        }
      }
    }
    float[] dy = ldd == outC ? dOut : widenRows(dOut, rows, outC, ldd);
    java.util.Arrays.fill(dFilter, 0, patch * outC, 0f);
    int items = tapTiles * panels;
    Parallel.range(items, Math.ceilDiv(items, Parallel.threads()), (from, to) -> {
      float[] acc = new float[MR * NR];
      for (int b0 = 0, k0 = 0; b0 < rows; b0 += PIXEL_BLOCK) {
        int b1 = Math.min(rows, b0 + PIXEL_BLOCK);
        while (classStart[k0 + 1] <= b0) {
          k0++;
        }
        for (int item = from; item < to; item++) {
          int tt = item / panels;
          int c0 = item % panels * NR;
          int nc = Math.min(NR, outC - c0);
          int xt = taps[first[tt]];
          int at = first[tt] * outC + c0;
          for (int k = k0; k < classes && classStart[k] < b1; k++) {
            int lo = Math.max(b0, classStart[k]);
            int n = Math.min(b1, classStart[k + 1]) - lo;
            if (n <= 0 || !needs[tt][k]) {
              continue;
            }
            if (vector) {
              WindowTile.gradientTile(n, starts, dRows, runLeft, sStep, ldd, lo, x, xt, dy, c0,
                  acc);
            } else {
              WindowTile.scalarGradientTile(n, starts, dRows, lo, x, xt, dy, c0, acc);
            }
            WindowTile.addTile(acc, skip[tt], nc, dFilter, at, outC, vector);
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

  /**
   * Tiles of up to {@code MR} output pixels (see {@link TilePlan}), each through every panel of
   * {@code NR} channels, then the bias and activation of its pixels while they are in cache.
   */
  private static void run(PaddedInput p, float[] packed, Geometry g, float[] out, float[] bias,
      boolean relu, boolean vector) {
    TilePlan plan = TilePlan.of(g, p);
    int outC = g.outC();
    int patch = g.patch();
    int panels = Math.ceilDiv(outC, NR);
    float[] x = p.data();
    int[] pixels = plan.pixels();
    Parallel.range(plan.tiles(), 1, (from, to) -> {
      int[] start = new int[MR];
      int[] at = new int[MR];
      float[] edge = new float[MR * NR];
      for (int t = from; t < to; t++) {
        TilePlan.Window w = plan.windows().get(plan.tileClass()[t]);
        int first = plan.tileFirst()[t];
        int nr = plan.tileEnd()[t] - first;
        // a short tile repeats its last pixel; those rows are computed and dropped
        for (int r = 0; r < MR; r++) {
          int pixel = pixels[first + Math.min(r, nr - 1)];
          start[r] = p.windowStart(g, pixel) + w.xOffset();
          at[r] = pixel * outC;
        }
        for (int j = 0; j < panels; j++) {
          int c0 = j * NR;
          int nc = Math.min(NR, outC - c0);
          boolean whole = nr == MR && nc == NR;
          float[] dst = whole ? out : edge;
          int[] rowAt = whole ? at : WindowTile.ROWS_OF_NR;
          int dc = whole ? c0 : 0;
          int bi = j * patch * NR + w.filterOffset();
          if (vector) {
            WindowTile.tile(w.runs(), w.runLength(), w.xJump(), w.filterJump(), x, start, packed,
                bi, dst, rowAt, dc);
          } else {
            WindowTile.scalarTile(w.runs(), w.runLength(), w.xJump(), w.filterJump(), x, start,
                packed, bi, dst, rowAt, dc);
          }
          if (!whole) {
            for (int r = 0; r < nr; r++) {
              System.arraycopy(edge, r * NR, out, at[r] + c0, nc);
            }
          }
        }
        if (bias != null) {
          // runs of consecutive pixels in one call each
          for (int r = 0; r < nr; ) {
            int e = r + 1;
            while (e < nr && at[e] == at[e - 1] + outC) {
              e++;
            }
            BiasActivation.apply(out, at[r], e - r, bias, relu);
            r = e;
          }
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
