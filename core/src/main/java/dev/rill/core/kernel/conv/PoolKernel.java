package dev.rill.core.kernel.conv;

import dev.rill.core.kernel.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max and average pooling over NHWC windows ({@code Geometry} with {@code outC == inC}).
 * Only in-bounds elements take part: SAME padding never adds zeros to a max or to an average.
 * A max-pooling gradient goes to the first maximal element of each window in row-major order
 * (later equal values do not replace it), as TensorFlow's CPU kernel does.
 *
 * <p>The float32 max kernels run over channels in vectors ({@code jdk.incubator.vector}), with a
 * last vector overlapping the one before when the depth is not a multiple of the lane count, and
 * scalar loops when the depth is below it. Like every Vector API loop they are slow until C2
 * compiles them.
 *
 * {@snippet :
 * PoolKernel.max(x, g, y);
 * PoolKernel.maxGrad(x, dy, g, dx);       // dx freshly zeroed
 * int[] arg = PoolKernel.argMax(x, g);    // flat input index of each output's maximum
 * }
 */
public final class PoolKernel {
  /** Output values per parallel task. */
  private static final int GRAIN = 1 << 14;
  /** Channels run in vectors of {@link #L} lanes; fewer channels than that run scalar. */
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> IS = S.withLanes(int.class);
  private static final int L = S.length();

  private PoolKernel() {}

  /** The window of output row {@code oh}: input rows {@code [lo, hi)}, clipped to the image. */
  private static int lo(int o, int stride, int pad) {
    return Math.max(0, o * stride - pad);
  }

  private static int hi(int o, int stride, int pad, int k, int in) {
    return Math.min(in, o * stride - pad + k);
  }

  /**
   * Where the vector for channels from {@code d} starts: {@code d}, except that a last partial
   * vector is moved back to end at {@code c} and overlaps the one before it. That needs no mask
   * (masked tails allocated a mask per window) and is safe because every vector kernel here only
   * stores values that depend on the lane alone, so an overlapped lane is written twice alike.
   */
  private static int lastVector(int d, int c) {
    return Math.min(d, c - L);
  }

  private static int rowGrain(Geometry g) {
    return Math.max(1, GRAIN / Math.max(1, g.outW() * g.outC()));
  }

  /**
   * {@code out[o]} = the maximum of output {@code o}'s window: its first in-bounds element,
   * replaced by each later one (row-major) that compares larger. A NaN first element therefore
   * stays, a later NaN never replaces, and of {@code -0.0} and {@code 0.0} the earlier stays.
   */
  public static void max(float[] in, Geometry g, float[] out) {
    int c = g.inC();
    if (c < L) {
      maxScalar(in, g, out);
      return;
    }
    int rowStride = g.inW() * c;
    if (isTwoByTwo(g) && c % L == 0) {
      max2x2(in, g, out);
      return;
    }
    eachWindow(g, (i0, o, nh, nw) -> {
      for (int d = 0; d < c; d += L) {
        int at = lastVector(d, c);
        windowMax(in, out, i0 + at, o + at, nh, nw, rowStride, c);
      }
    });
  }

  /*
   * The window helpers below take and return no vectors, only arrays and offsets: C2 may compile
   * one as a method of its own and then not inline it ("already compiled into a big method"), and
   * a vector crossing a call that is not inlined is boxed on the heap.
   */

  /**
   * Stores at {@code out[o..]} ({@link #L} lanes) the row-major running max of the window whose
   * first element is at {@code in[i0..]}: a later element replaces it only if it compares larger.
   */
  private static void windowMax(float[] in, float[] out, int i0, int o, int nh, int nw,
      int rowStride, int c) {
    FloatVector acc = FloatVector.fromArray(S, in, i0);
    for (int dh = 0; dh < nh; dh++) {
      int row = i0 + dh * rowStride;
      for (int dw = dh == 0 ? 1 : 0; dw < nw; dw++) {
        FloatVector v = FloatVector.fromArray(S, in, row + dw * c);
        acc = acc.blend(v, acc.compare(VectorOperators.LT, v));
      }
    }
    acc.intoArray(out, o);
  }

  /** Whether {@code g}'s windows are 2x2 of stride 2, no padding, tiling the input exactly. */
  private static boolean isTwoByTwo(Geometry g) {
    return g.kH() == 2 && g.kW() == 2 && g.strideH() == 2 && g.strideW() == 2
        && g.padTop() == 0 && g.padLeft() == 0 && g.inH() == 2 * g.outH()
        && g.inW() == 2 * g.outW();
  }

  /**
   * {@link #max} for {@link #isTwoByTwo} windows over whole vectors of channels, the CNN's
   * common pooling: the same comparisons in the same order as {@link #windowMax}, without the
   * per-window call and the general window walk, which were a third of pool1's time in MNIST.
   */
  private static void max2x2(float[] in, Geometry g, float[] out) {
    int c = g.inC();
    int rowStride = g.inW() * c;
    Parallel.range(g.batch() * g.outH(), rowGrain(g), (from, to) -> {
      for (int r = from; r < to; r++) {
        // output row r reads input rows 2r and 2r + 1 of the same image
        int i = 2 * r * rowStride;
        int o = r * g.outW() * c;
        for (int ow = 0; ow < g.outW(); ow++, i += 2 * c, o += c) {
          for (int d = 0; d < c; d += L) {
            max4(in, out, i + d, o + d, rowStride, c);
          }
        }
      }
    });
  }

  /** {@link #windowMax} of a 2x2 window: elements at {@code i}, {@code i + c}, a row below. */
  private static void max4(float[] in, float[] out, int i, int o, int rowStride, int c) {
    FloatVector acc = FloatVector.fromArray(S, in, i);
    FloatVector v = FloatVector.fromArray(S, in, i + c);
    acc = acc.blend(v, acc.compare(VectorOperators.LT, v));
    v = FloatVector.fromArray(S, in, i + rowStride);
    acc = acc.blend(v, acc.compare(VectorOperators.LT, v));
    v = FloatVector.fromArray(S, in, i + rowStride + c);
    acc = acc.blend(v, acc.compare(VectorOperators.LT, v));
    acc.intoArray(out, o);
  }

  /** One pooling window: where it starts in the input and the output, and its in-bounds size. */
  @FunctionalInterface
  private interface Window {
    void at(int in0, int out0, int rows, int cols);
  }

  /**
   * Calls {@code body} for every output position's window, rows of output split over the pool:
   * {@code in0} is the flat index of the window's first in-bounds input element, {@code out0} of
   * the output's first channel.
   */
  private static void eachWindow(Geometry g, Window body) {
    int c = g.inC();
    Parallel.range(g.batch() * g.outH(), rowGrain(g), (from, to) -> {
      for (int r = from; r < to; r++) {
        int n = r / g.outH();
        int oh = r % g.outH();
        int h0 = lo(oh, g.strideH(), g.padTop());
        int nh = hi(oh, g.strideH(), g.padTop(), g.kH(), g.inH()) - h0;
        int rowBase = (n * g.inH() + h0) * g.inW();
        for (int ow = 0; ow < g.outW(); ow++) {
          int w0 = lo(ow, g.strideW(), g.padLeft());
          int nw = hi(ow, g.strideW(), g.padLeft(), g.kW(), g.inW()) - w0;
          int i0 = (rowBase + w0) * c;
          int o = (r * g.outW() + ow) * c;
          body.at(i0, o, nh, nw);
        }
      }
    });
  }

  private static void maxScalar(float[] in, Geometry g, float[] out) {
    int c = g.inC();
    Parallel.range(g.batch() * g.outH(), rowGrain(g), (from, to) -> {
      for (int r = from; r < to; r++) {
        int n = r / g.outH();
        int oh = r % g.outH();
        int h0 = lo(oh, g.strideH(), g.padTop());
        int h1 = hi(oh, g.strideH(), g.padTop(), g.kH(), g.inH());
        for (int ow = 0; ow < g.outW(); ow++) {
          int w0 = lo(ow, g.strideW(), g.padLeft());
          int w1 = hi(ow, g.strideW(), g.padLeft(), g.kW(), g.inW());
          int o = (r * g.outW() + ow) * c;
          System.arraycopy(in, ((n * g.inH() + h0) * g.inW() + w0) * c, out, o, c);
          for (int ih = h0; ih < h1; ih++) {
            for (int iw = w0; iw < w1; iw++) {
              int i = ((n * g.inH() + ih) * g.inW() + iw) * c;
              for (int d = 0; d < c; d++) {
                float v = in[i + d];
                if (out[o + d] < v) {
                  out[o + d] = v;
                }
              }
            }
          }
        }
      }
    });
  }

  /**
   * The max-pooling gradient: {@code dIn} (overwritten) gets each {@code grad} element at its
   * window's first maximal element and zero elsewhere, exactly as
   * {@code scatter(argMax(in, g), grad, g, dIn)} into a zeroed array does. Windows that do not
   * overlap each write their own input elements directly, with no index array, and when they
   * tile the whole input (a 2x2 pool of stride 2 over an even size) every element is written
   * once, so {@code dIn} is not zeroed first: that pass, on the calling thread, was a megabyte-
   * sized serial write per pooling layer per training step. Overlapping windows go through
   * {@link #argMax} and {@link #scatter}.
   */
  public static void maxGrad(float[] in, float[] grad, Geometry g, float[] dIn) {
    boolean overlap = g.strideH() < g.kH() || g.strideW() < g.kW();
    int c = g.inC();
    if (overlap || c < L || !tilesInput(g)) {
      java.util.Arrays.fill(dIn, 0, g.inSize(), 0f);
    }
    if (overlap) {
      scatter(argMax(in, g), grad, g, dIn);
      return;
    }
    int rowStride = g.inW() * c;
    eachWindow(g, (i0, o, nh, nw) -> {
      if (c < L) {
        for (int d = 0; d < c; d++) {
          windowGradScalar(in, grad, dIn, i0 + d, o + d, nh, nw, rowStride, c);
        }
      } else {
        for (int d = 0; d < c; d += L) {
          int at = lastVector(d, c);
          windowGrad(in, grad, dIn, i0 + at, o + at, nh, nw, rowStride, c);
        }
      }
    });
  }

  /**
   * Whether windows of stride equal to their size reach every input row and column: the first
   * starts at 0 (padding is never negative), so the last must end at the input's end.
   */
  private static boolean tilesInput(Geometry g) {
    return g.strideH() == g.kH() && g.strideW() == g.kW()
        && hi(g.outH() - 1, g.strideH(), g.padTop(), g.kH(), g.inH()) == g.inH()
        && hi(g.outW() - 1, g.strideW(), g.padLeft(), g.kW(), g.inW()) == g.inW();
  }

  /**
   * Gives the {@link #L} lanes of {@code grad[o..]} to the first element of the window equal to
   * its max ({@link #windowMax}), and zero to the others. The first element keeps it unless a later
   * one is larger; that covers a NaN max, which only the first element can produce and which
   * equals nothing.
   */
  private static void windowGrad(float[] in, float[] grad, float[] dIn, int i0, int o, int nh,
      int nw, int rowStride, int c) {
    FloatVector first = FloatVector.fromArray(S, in, i0);
    FloatVector max = first;
    for (int dh = 0; dh < nh; dh++) {
      int row = i0 + dh * rowStride;
      for (int dw = dh == 0 ? 1 : 0; dw < nw; dw++) {
        FloatVector v = FloatVector.fromArray(S, in, row + dw * c);
        max = max.blend(v, max.compare(VectorOperators.LT, v));
      }
    }
    FloatVector zero = FloatVector.zero(S);
    // 0 + g turns a -0.0 gradient into 0.0, as adding it into the zeroed dIn does.
    FloatVector left = FloatVector.fromArray(S, grad, o).add(zero);
    VectorMask<Float> below = first.compare(VectorOperators.LT, max);
    left.blend(zero, below).intoArray(dIn, i0);
    left = zero.blend(left, below);
    // Each later element equal to the max takes what is left; every element is written once.
    for (int dh = 0; dh < nh; dh++) {
      int row = i0 + dh * rowStride;
      for (int dw = dh == 0 ? 1 : 0; dw < nw; dw++) {
        int i = row + dw * c;
        VectorMask<Float> eq = FloatVector.fromArray(S, in, i).compare(VectorOperators.EQ, max);
        zero.blend(left, eq).intoArray(dIn, i);
        left = left.blend(zero, eq);
      }
    }
  }

  /** {@link #windowGrad} for one channel; only the element that takes the gradient is written. */
  private static void windowGradScalar(float[] in, float[] grad, float[] dIn, int i0, int o,
      int nh, int nw, int rowStride, int c) {
    float max = in[i0];
    for (int dh = 0; dh < nh; dh++) {
      for (int dw = 0; dw < nw; dw++) {
        float v = in[i0 + dh * rowStride + dw * c];
        if (max < v) {
          max = v;
        }
      }
    }
    int at = i0;
    search:
    for (int dh = 0; dh < nh; dh++) {
      for (int dw = 0; dw < nw; dw++) {
        int i = i0 + dh * rowStride + dw * c;
        if (in[i] == max) {
          at = i;
          break search;
        }
      }
    }
    dIn[at] = 0f + grad[o];
  }

  public static void max(double[] in, Geometry g, double[] out) {
    int[] arg = argMax(in, g);
    for (int o = 0; o < arg.length; o++) {
      out[o] = in[arg[o]];
    }
  }

  /** For each output element, the flat index of the input element it takes its value from. */
  public static int[] argMax(float[] in, Geometry g) {
    int c = g.inC();
    int[] arg = new int[g.outSize()];
    if (c < L) {
      argMaxScalar(in, g, arg);
      return arg;
    }
    int rowStride = g.inW() * c;
    eachWindow(g, (i0, o, nh, nw) -> {
      for (int d = 0; d < c; d += L) {
        int at = lastVector(d, c);
        windowArgMax(in, arg, i0 + at, o + at, nh, nw, rowStride, c);
      }
    });
    return arg;
  }

  /**
   * {@link #windowMax} that also tracks where each lane's max came from: the pixel's offset in
   * {@code at}, plus the lane number when stored.
   */
  private static void windowArgMax(float[] in, int[] arg, int i0, int o, int nh, int nw,
      int rowStride, int c) {
    FloatVector acc = FloatVector.fromArray(S, in, i0);
    IntVector at = IntVector.broadcast(IS, i0);
    for (int dh = 0; dh < nh; dh++) {
      int row = i0 + dh * rowStride;
      for (int dw = dh == 0 ? 1 : 0; dw < nw; dw++) {
        int i = row + dw * c;
        FloatVector v = FloatVector.fromArray(S, in, i);
        VectorMask<Float> lt = acc.compare(VectorOperators.LT, v);
        acc = acc.blend(v, lt);
        at = at.blend(i, lt.cast(IS));
      }
    }
    at.add(IntVector.zero(IS).addIndex(1)).intoArray(arg, o);
  }

  private static void argMaxScalar(float[] in, Geometry g, int[] arg) {
    int c = g.inC();
    Parallel.range(g.batch() * g.outH(), rowGrain(g), (from, to) -> {
      for (int r = from; r < to; r++) {
        int n = r / g.outH();
        int oh = r % g.outH();
        int h0 = lo(oh, g.strideH(), g.padTop());
        int h1 = hi(oh, g.strideH(), g.padTop(), g.kH(), g.inH());
        for (int ow = 0; ow < g.outW(); ow++) {
          int w0 = lo(ow, g.strideW(), g.padLeft());
          int w1 = hi(ow, g.strideW(), g.padLeft(), g.kW(), g.inW());
          int o = (r * g.outW() + ow) * c;
          int first = ((n * g.inH() + h0) * g.inW() + w0) * c;
          for (int d = 0; d < c; d++) {
            arg[o + d] = first + d;
          }
          for (int ih = h0; ih < h1; ih++) {
            for (int iw = w0; iw < w1; iw++) {
              int i = ((n * g.inH() + ih) * g.inW() + iw) * c;
              for (int d = 0; d < c; d++) {
                if (in[arg[o + d]] < in[i + d]) {
                  arg[o + d] = i + d;
                }
              }
            }
          }
        }
      }
    });
  }

  public static int[] argMax(double[] in, Geometry g) {
    int c = g.inC();
    int[] arg = new int[g.outSize()];
    for (int r = 0; r < g.batch() * g.outH(); r++) {
      int n = r / g.outH();
      int oh = r % g.outH();
      int h0 = lo(oh, g.strideH(), g.padTop());
      int h1 = hi(oh, g.strideH(), g.padTop(), g.kH(), g.inH());
      for (int ow = 0; ow < g.outW(); ow++) {
        int w0 = lo(ow, g.strideW(), g.padLeft());
        int w1 = hi(ow, g.strideW(), g.padLeft(), g.kW(), g.inW());
        int o = (r * g.outW() + ow) * c;
        int first = ((n * g.inH() + h0) * g.inW() + w0) * c;
        for (int d = 0; d < c; d++) {
          arg[o + d] = first + d;
        }
        for (int ih = h0; ih < h1; ih++) {
          for (int iw = w0; iw < w1; iw++) {
            int i = ((n * g.inH() + ih) * g.inW() + iw) * c;
            for (int d = 0; d < c; d++) {
              if (in[arg[o + d]] < in[i + d]) {
                arg[o + d] = i + d;
              }
            }
          }
        }
      }
    }
    return arg;
  }

  /** {@code dIn[arg[o]] += grad[o]}; {@code dIn} starts zeroed. Images run in parallel. */
  public static void scatter(int[] arg, float[] grad, Geometry g, float[] dIn) {
    int perImage = g.outH() * g.outW() * g.outC();
    Parallel.range(g.batch(), Math.max(1, GRAIN / Math.max(1, perImage)), (from, to) -> {
      for (int o = from * perImage; o < to * perImage; o++) {
        dIn[arg[o]] += grad[o];
      }
    });
  }

  public static void scatter(int[] arg, double[] grad, double[] dIn) {
    for (int o = 0; o < arg.length; o++) {
      dIn[arg[o]] += grad[o];
    }
  }

  /** Mean of the in-bounds elements of each window. */
  public static void avg(double[] in, Geometry g, double[] out) {
    forEachWindow(g, (o, d, i, count) -> out[o + d] += in[i + d] / count);
  }

  /** Spreads each output gradient evenly over the in-bounds elements of its window. */
  public static void avgGrad(double[] grad, Geometry g, double[] dIn) {
    forEachWindow(g, (o, d, i, count) -> dIn[i + d] += grad[o + d] / count);
  }

  @FunctionalInterface
  private interface WindowTap {
    void apply(int out, int channel, int in, int count);
  }

  private static void forEachWindow(Geometry g, WindowTap tap) {
    int c = g.inC();
    for (int r = 0; r < g.batch() * g.outH(); r++) {
      int n = r / g.outH();
      int oh = r % g.outH();
      int h0 = lo(oh, g.strideH(), g.padTop());
      int h1 = hi(oh, g.strideH(), g.padTop(), g.kH(), g.inH());
      for (int ow = 0; ow < g.outW(); ow++) {
        int w0 = lo(ow, g.strideW(), g.padLeft());
        int w1 = hi(ow, g.strideW(), g.padLeft(), g.kW(), g.inW());
        int count = (h1 - h0) * (w1 - w0);
        int o = (r * g.outW() + ow) * c;
        for (int ih = h0; ih < h1; ih++) {
          for (int iw = w0; iw < w1; iw++) {
            int i = ((n * g.inH() + ih) * g.inW() + iw) * c;
            for (int d = 0; d < c; d++) {
              tap.apply(o, d, i, count);
            }
          }
        }
      }
    }
  }
}
