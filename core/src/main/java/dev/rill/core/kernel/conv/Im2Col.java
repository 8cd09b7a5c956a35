package dev.rill.core.kernel.conv;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Unfolds NHWC windows into rows of a matrix ({@code im2col}) and folds them back, adding
 * ({@code col2im}). Row {@code r} is output pixel {@code r} over the batch; its columns are the
 * window in (kh, kw, c) order, the order of an HWIO filter seen as a {@code [kH*kW*inC, outC]}
 * matrix. Positions in the padding read as zero and receive nothing.
 *
 * {@snippet :
 * float[] cols = new float[rows * g.patch()];
 * Im2Col.unfold(image, g, row0, rows, cols);   // then cols x filter = output rows
 * Im2Col.fold(cols, g, row0, rows, dImage);    // the adjoint: windows summed back
 * }
 */
public final class Im2Col {
  /** Runs up to this long are copied in a plain loop. */
  private static final int SHORT = 16;
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private Im2Col() {}

  /** Writes rows {@code [row0, row0 + rows)} of {@code src}'s im2col matrix to {@code cols}. */
  public static void unfold(float[] src, Geometry g, int row0, int rows, float[] cols) {
    int c = g.inC();
    int kw = g.kW();
    int patch = g.patch();
    for (int r = 0; r < rows; r++) {
      int row = row0 + r;
      int ow = row % g.outW();
      int oh = (row / g.outW()) % g.outH();
      int n = row / (g.outW() * g.outH());
      int iw0 = ow * g.strideW() - g.padLeft();
      int lo = spanLo(g, iw0);
      int hi = spanHi(g, iw0, lo);
      int base = r * patch;
      for (int kh = 0; kh < g.kH(); kh++) {
        int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
        int dst = base + kh * kw * c;
        if (ih < 0 || ih >= g.inH()) {
          zero(cols, dst, dst + kw * c);
          continue;
        }
        int srcRow = (n * g.inH() + ih) * g.inW();
        zero(cols, dst, dst + lo * c);
        if (g.dilationW() == 1) {
          // in-bounds taps are adjacent input pixels: one copy
          copy(src, (srcRow + iw0 + lo) * c, cols, dst + lo * c, (hi - lo) * c);
        } else {
          for (int k = lo; k < hi; k++) {
            copy(src, (srcRow + iw0 + k * g.dilationW()) * c, cols, dst + k * c, c);
          }
        }
        zero(cols, dst + hi * c, dst + kw * c);
      }
    }
  }

  /**
   * Short runs (a 5-wide window of one channel) are copied in a loop: the calls to
   * {@code System.arraycopy} and {@code Arrays.fill} cost more than the copying.
   */
  private static void copy(float[] src, int s, float[] dst, int d, int len) {
    if (len <= SHORT) {
      for (int i = 0; i < len; i++) {
        dst[d + i] = src[s + i];
      }
    } else {
      System.arraycopy(src, s, dst, d, len);
    }
  }

  private static void zero(float[] a, int from, int to) {
    if (to - from <= SHORT) {
      for (int i = from; i < to; i++) {
        a[i] = 0f;
      }
    } else {
      Arrays.fill(a, from, to, 0f);
    }
  }

  public static void unfold(double[] src, Geometry g, int row0, int rows, double[] cols) {
    int c = g.inC();
    int kw = g.kW();
    int patch = g.patch();
    for (int r = 0; r < rows; r++) {
      int row = row0 + r;
      int ow = row % g.outW();
      int oh = (row / g.outW()) % g.outH();
      int n = row / (g.outW() * g.outH());
      int iw0 = ow * g.strideW() - g.padLeft();
      int[] span = kwSpan(g, iw0);
      int base = r * patch;
      for (int kh = 0; kh < g.kH(); kh++) {
        int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
        int dst = base + kh * kw * c;
        if (ih < 0 || ih >= g.inH()) {
          Arrays.fill(cols, dst, dst + kw * c, 0);
          continue;
        }
        int srcRow = (n * g.inH() + ih) * g.inW();
        Arrays.fill(cols, dst, dst + span[0] * c, 0);
        for (int k = span[0]; k < span[1]; k++) {
          System.arraycopy(src, (srcRow + iw0 + k * g.dilationW()) * c, cols, dst + k * c, c);
        }
        Arrays.fill(cols, dst + span[1] * c, dst + kw * c, 0);
      }
    }
  }

  /** Adds rows {@code [row0, row0 + rows)} held in {@code cols} back into the image {@code dst}. */
  public static void fold(float[] cols, Geometry g, int row0, int rows, float[] dst) {
    int c = g.inC();
    int kw = g.kW();
    int patch = g.patch();
    for (int r = 0; r < rows; r++) {
      int row = row0 + r;
      int ow = row % g.outW();
      int oh = (row / g.outW()) % g.outH();
      int n = row / (g.outW() * g.outH());
      int iw0 = ow * g.strideW() - g.padLeft();
      int lo = spanLo(g, iw0);
      int hi = spanHi(g, iw0, lo);
      int base = r * patch;
      for (int kh = 0; kh < g.kH(); kh++) {
        int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
        if (ih < 0 || ih >= g.inH()) {
          continue;
        }
        int srcRow = (n * g.inH() + ih) * g.inW();
        int from = base + kh * kw * c;
        if (g.dilationW() == 1) {
          // in-bounds taps are adjacent input pixels: one run
          addRun(cols, from + lo * c, dst, (srcRow + iw0 + lo) * c, (hi - lo) * c);
        } else {
          for (int k = lo; k < hi; k++) {
            addRun(cols, from + k * c, dst, (srcRow + iw0 + k * g.dilationW()) * c, c);
          }
        }
      }
    }
  }

  /** {@code dst[d + i] += src[s + i]} for {@code i < len}. */
  private static void addRun(float[] src, int s, float[] dst, int d, int len) {
    int i = 0;
    for (int end = S.loopBound(len); i < end; i += S.length()) {
      FloatVector.fromArray(S, src, s + i).add(FloatVector.fromArray(S, dst, d + i))
          .intoArray(dst, d + i);
    }
    for (; i < len; i++) {
      dst[d + i] += src[s + i];
    }
  }

  public static void fold(double[] cols, Geometry g, int row0, int rows, double[] dst) {
    int c = g.inC();
    int kw = g.kW();
    int patch = g.patch();
    for (int r = 0; r < rows; r++) {
      int row = row0 + r;
      int ow = row % g.outW();
      int oh = (row / g.outW()) % g.outH();
      int n = row / (g.outW() * g.outH());
      int iw0 = ow * g.strideW() - g.padLeft();
      int[] span = kwSpan(g, iw0);
      int base = r * patch;
      for (int kh = 0; kh < g.kH(); kh++) {
        int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
        if (ih < 0 || ih >= g.inH()) {
          continue;
        }
        int srcRow = (n * g.inH() + ih) * g.inW();
        int from = base + kh * kw * c;
        for (int k = span[0]; k < span[1]; k++) {
          int d = (srcRow + iw0 + k * g.dilationW()) * c;
          int s = from + k * c;
          for (int i = 0; i < c; i++) {
            dst[d + i] += cols[s + i];
          }
        }
      }
    }
  }

  /** The first tap of a window starting at column {@code iw0} that falls inside. */
  private static int spanLo(Geometry g, int iw0) {
    int d = g.dilationW();
    return Math.min(iw0 >= 0 ? 0 : (-iw0 + d - 1) / d, g.kW());
  }

  /** The end of the in-bounds taps of a window starting at {@code iw0}, at least {@code lo}. */
  private static int spanHi(Geometry g, int iw0, int lo) {
    int d = g.dilationW();
    return Math.max(lo, iw0 >= g.inW() ? 0 : Math.min(g.kW(), (g.inW() - iw0 + d - 1) / d));
  }

  /** The taps {@code [lo, hi)} of a window starting at column {@code iw0} that fall inside. */
  static int[] kwSpan(Geometry g, int iw0) {
    int d = g.dilationW();
    // smallest k with iw0 + k*d >= 0, and the first k with iw0 + k*d >= inW
    int lo = iw0 >= 0 ? 0 : (-iw0 + d - 1) / d;
    int hi = iw0 >= g.inW() ? 0 : Math.min(g.kW(), (g.inW() - iw0 + d - 1) / d);
    return new int[] {Math.min(lo, g.kW()), Math.max(Math.min(lo, g.kW()), hi)};
  }
}
