package dev.rill.core.kernel.conv;

import dev.rill.core.kernel.Parallel;

/**
 * Max and average pooling over NHWC windows ({@code Geometry} with {@code outC == inC}).
 * Only in-bounds elements take part: SAME padding never adds zeros to a max or to an average.
 * A max-pooling gradient goes to the first maximal element of each window in row-major order
 * (later equal values do not replace it), as TensorFlow's CPU kernel does.
 *
 * {@snippet :
 * PoolKernel.max(x, g, y);
 * int[] arg = PoolKernel.argMax(x, g);    // flat input index of each output's maximum
 * }
 */
public final class PoolKernel {
  /** Output values per parallel task. */
  private static final int GRAIN = 1 << 14;

  private PoolKernel() {}

  /** The window of output row {@code oh}: input rows {@code [lo, hi)}, clipped to the image. */
  private static int lo(int o, int stride, int pad) {
    return Math.max(0, o * stride - pad);
  }

  private static int hi(int o, int stride, int pad, int k, int in) {
    return Math.min(in, o * stride - pad + k);
  }

  private static int rowGrain(Geometry g) {
    return Math.max(1, GRAIN / Math.max(1, g.outW() * g.outC()));
  }

  public static void max(float[] in, Geometry g, float[] out) {
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
    return arg;
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
