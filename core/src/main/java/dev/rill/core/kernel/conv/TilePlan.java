package dev.rill.core.kernel.conv;

import static dev.rill.core.kernel.conv.WindowTile.MR;
import static dev.rill.core.kernel.conv.WindowTile.NR;

import java.util.ArrayList;
import java.util.List;

/**
 * Which output pixels {@link ImplicitConv} sums together, and over which taps. A window that
 * overlaps the padding has taps whose input is a padded zero: on the MNIST conv2 (14x14, 5x5,
 * padding 2) they are 16% of all taps. Pixels whose windows miss the padding in the same filter
 * rows and columns form a class, and a class's tiles walk only the taps inside the input, so the
 * zeros are never multiplied. A plan has one class per pair of a row class (output rows whose
 * windows keep the same filter rows) and a column class; their pixels are listed in order, and
 * every {@link #MR} of them make a tile.
 *
 * <p>Sorting pixels by class leaves a part-filled tile at the end of each class, which costs
 * whole tiles when classes are small (a batch of one image). So a plan is made by classes only
 * when that walks fewer taps in all than tiles of consecutive pixels over whole windows; either
 * way it depends on the geometry alone, never on timing. Each output is one FMA chain over its
 * window's inside taps in (kh, kw, c) order; the skipped taps would have added products with
 * zero.
 *
 * @param pixels output pixel indices, class after class
 * @param classStart where each class's pixels start in {@code pixels}, and their end last
 * @param tileClass each tile's class
 * @param tileFirst where each tile's pixels start in {@code pixels}
 * @param tileEnd where they end (at most {@link #MR} after the start)
 */
record TilePlan(List<Window> windows, int[] pixels, int[] classStart, int[] tileClass,
    int[] tileFirst, int[] tileEnd) {

  /**
   * The taps one class of pixels walks: filter rows {@code [kh0, kh1)} and columns
   * {@code [kw0, kw1)} of each window, as {@link WindowTile#tile} takes them.
   *
   * @param xOffset from a window's start to its first walked tap in the padded input
   * @param filterOffset from a packed filter panel's start to that tap's values
   */
  record Window(int kh0, int kh1, int kw0, int kw1, int runs, int runLength, int xJump,
      int filterJump, int xOffset, int filterOffset) {
    /** Whether the walk includes filter row {@code kh}, column {@code kw}. */
    boolean contains(int kh, int kw) {
      return kh >= kh0 && kh < kh1 && kw >= kw0 && kw < kw1;
    }
  }

  int tiles() {
    return tileClass.length;
  }

  /** The plan for {@code g} over a padded input {@code p} of it. */
  static TilePlan of(Geometry g, PaddedInput p) {
    int[][] rowRange = new int[g.outH()][];
    for (int oh = 0; oh < g.outH(); oh++) {
      rowRange[oh] = inside(oh * g.strideH() - g.padTop(), g.dilationH(), g.kH(), g.inH());
    }
    int[][] colRange = new int[g.outW()][];
    for (int ow = 0; ow < g.outW(); ow++) {
      colRange[ow] = inside(ow * g.strideW() - g.padLeft(), g.dilationW(), g.kW(), g.inW());
    }
    List<int[]> rowClasses = classes(rowRange);
    List<int[]> colClasses = classes(colRange);
    long wholeTaps = (long) Math.ceilDiv(g.rows(), MR) * g.kH() * g.kW();
    long classTaps = 0;
    for (int[] rc : rowClasses) {
      int[] kh = rowRange[rc[0]];
      for (int[] cc : colClasses) {
        int[] kw = colRange[cc[0]];
        long pixels = (long) g.batch() * rc.length * cc.length;
        classTaps += Math.ceilDiv(pixels, MR) * (long) (kh[1] - kh[0]) * (kw[1] - kw[0]);
      }
    }
    if (classTaps >= wholeTaps) {
      return whole(g, p);
    }
    List<Window> windows = new ArrayList<>();
    int[] pixels = new int[g.rows()];
    List<int[]> tiles = new ArrayList<>();
    int[] classStart = new int[rowClasses.size() * colClasses.size() + 1];
    int n = 0;
    for (int[] rc : rowClasses) {
      for (int[] cc : colClasses) {
        int first = n;
        for (int b = 0; b < g.batch(); b++) {
          for (int oh : rc) {
            for (int ow : cc) {
              pixels[n++] = (b * g.outH() + oh) * g.outW() + ow;
            }
          }
        }
        if (n > first) {
          addTiles(tiles, windows.size(), first, n);
          windows.add(window(g, p, rowRange[rc[0]], colRange[cc[0]]));
          classStart[windows.size()] = n;
        }
      }
    }
    return of(windows, pixels, java.util.Arrays.copyOf(classStart, windows.size() + 1), tiles);
  }

  /** Tiles of consecutive pixels over whole windows. */
  private static TilePlan whole(Geometry g, PaddedInput p) {
    int[] pixels = new int[g.rows()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = i;
    }
    List<int[]> tiles = new ArrayList<>();
    addTiles(tiles, 0, 0, pixels.length);
    return of(List.of(window(g, p, new int[] {0, g.kH()}, new int[] {0, g.kW()})), pixels,
        new int[] {0, pixels.length}, tiles);
  }

  private static TilePlan of(List<Window> windows, int[] pixels, int[] classStart,
      List<int[]> tiles) {
    int[] cls = new int[tiles.size()];
    int[] first = new int[tiles.size()];
    int[] end = new int[tiles.size()];
    for (int t = 0; t < cls.length; t++) {
      cls[t] = tiles.get(t)[0];
      first[t] = tiles.get(t)[1];
      end[t] = tiles.get(t)[2];
    }
    return new TilePlan(List.copyOf(windows), pixels, classStart, cls, first, end);
  }

  private static void addTiles(List<int[]> tiles, int cls, int first, int end) {
    for (int i = first; i < end; i += MR) {
      tiles.add(new int[] {cls, i, Math.min(end, i + MR)});
    }
  }

  /**
   * The taps {@code [k0, k1)} of a window along one axis that land inside the input: tap
   * {@code k} reads input position {@code origin + k * dilation}. Empty ({@code k0 == k1}) when
   * the whole window lies in the padding.
   */
  static int[] inside(int origin, int dilation, int taps, int size) {
    int k0 = 0;
    while (k0 < taps && origin + k0 * dilation < 0) {
      k0++;
    }
    int k1 = taps;
    while (k1 > k0 && origin + (k1 - 1) * dilation >= size) {
      k1--;
    }
    return new int[] {k0, k1};
  }

  /** Output positions grouped by equal tap range, each group in increasing order. */
  private static List<int[]> classes(int[][] range) {
    List<int[]> out = new ArrayList<>();
    boolean[] taken = new boolean[range.length];
    for (int i = 0; i < range.length; i++) {
      if (taken[i]) {
        continue;
      }
      int count = 0;
      int[] members = new int[range.length];
      for (int j = i; j < range.length; j++) {
        if (!taken[j] && range[j][0] == range[i][0] && range[j][1] == range[i][1]) {
          taken[j] = true;
          members[count++] = j;
        }
      }
      out.add(java.util.Arrays.copyOf(members, count));
    }
    return out;
  }

  /** The walk of filter rows {@code kh} and columns {@code kw} (each {@code [from, to)}). */
  private static Window window(Geometry g, PaddedInput p, int[] kh, int[] kw) {
    int c = g.inC();
    int cols = kw[1] - kw[0];
    int runLength = cols * c;
    int rowStep = g.dilationH() * p.w() * c;
    return new Window(kh[0], kh[1], kw[0], kw[1], kh[1] - kh[0], runLength, rowStep - runLength,
        (g.kW() - cols) * c * NR, kh[0] * rowStep + kw[0] * c, (kh[0] * g.kW() + kw[0]) * c * NR);
  }
}
