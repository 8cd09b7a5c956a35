package dev.rill.core.kernel.conv;

import dev.rill.core.kernel.Parallel;

/**
 * Depthwise convolution, NHWC, filter {@code [kH, kW, inC, multiplier]}: output channel
 * {@code c * multiplier + m} is input channel {@code c} convolved with filter slice
 * {@code [:, :, c, m]}. For a fixed tap the filter is a vector over output channels, so the inner
 * loops run along channels. The forward pass has a float loop (the PDE tutorial runs it on large
 * grids); the backprops work in double.
 *
 * {@snippet :
 * DepthwiseKernel.forward(x, filter, g, y);   // g.outC() == inC * multiplier
 * }
 */
public final class DepthwiseKernel {
  /** Output values per parallel task. */
  private static final int GRAIN = 1 << 14;

  private DepthwiseKernel() {}

  public static void forward(float[] in, float[] f, Geometry g, float[] out) {
    int rowLen = g.outW() * g.outC();
    Parallel.range(g.batch() * g.outH(), Math.max(1, GRAIN / Math.max(1, rowLen)),
        (from, to) -> forwardRows(in, f, g, out, from, to));
  }

  /**
   * Output rows {@code [from, to)}. Tap by tap, the valid output columns form one range, so the
   * inner loops carry no bounds checks.
   */
  private static void forwardRows(float[] in, float[] f, Geometry g, float[] out, int from,
      int to) {
    final int inC = g.inC();
    final int outC = g.outC();
    final int mult = outC / Math.max(1, inC);
    final int inH = g.inH();
    final int inW = g.inW();
    final int outH = g.outH();
    final int outW = g.outW();
    final int kH = g.kH();
    final int kW = g.kW();
    final int sH = g.strideH();
    final int sW = g.strideW();
    final int dH = g.dilationH();
    final int dW = g.dilationW();
    final int padTop = g.padTop();
    final int padLeft = g.padLeft();
    for (int r = from; r < to; r++) {
      int n = r / outH;
      int oh = r % outH;
      int outRow = r * outW * outC;
      for (int kh = 0; kh < kH; kh++) {
        int ih = oh * sH - padTop + kh * dH;
        if (ih < 0 || ih >= inH) {
          continue;
        }
        int inRow = (n * inH + ih) * inW;
        for (int kw = 0; kw < kW; kw++) {
          int shift = kw * dW - padLeft;
          // valid ow: 0 <= ow * sW + shift < inW
          int owLo = shift >= 0 ? 0 : (-shift + sW - 1) / sW;
          int owHi = Math.min(outW, (inW - shift + sW - 1) / sW);
          int fo = (kh * kW + kw) * outC;
          if (inC == 1 && mult == 1) {
            float w = f[fo];
            for (int ow = owLo; ow < owHi; ow++) {
              out[outRow + ow] += in[inRow + ow * sW + shift] * w;
            }
            continue;
          }
          for (int ow = owLo; ow < owHi; ow++) {
            int o = outRow + ow * outC;
            int i = (inRow + ow * sW + shift) * inC;
            if (mult == 1) {
              for (int c = 0; c < inC; c++) {
                out[o + c] += in[i + c] * f[fo + c];
              }
            } else {
              for (int c = 0; c < inC; c++) {
                float v = in[i + c];
                int base = c * mult;
                for (int m = 0; m < mult; m++) {
                  out[o + base + m] += v * f[fo + base + m];
                }
              }
            }
          }
        }
      }
    }
  }

  public static void forward(double[] in, double[] f, Geometry g, double[] out) {
    visit(g, 0, g.batch() * g.outH(), (i, fo, o) -> out[o] += in[i] * f[fo]);
  }

  /** {@code dIn} (zeroed) receives the input gradient; images run in parallel. */
  public static void backpropInput(double[] f, double[] dOut, Geometry g, double[] dIn) {
    Parallel.range(g.batch(), 1, (from, to) -> visit(g, from * g.outH(), to * g.outH(),
        (i, fo, o) -> dIn[i] += dOut[o] * f[fo]));
  }

  /** {@code dFilter} (zeroed) receives the filter gradient, summed in a fixed order. */
  public static void backpropFilter(double[] in, double[] dOut, Geometry g, double[] dFilter) {
    int rows = g.batch() * g.outH();
    int parts = Math.max(1, Math.min(rows, Parallel.threads()));
    double[][] partial = new double[parts][];
    Parallel.range(parts, 1, (pFrom, pTo) -> {
      for (int p = pFrom; p < pTo; p++) {
        double[] acc = new double[dFilter.length];
        visit(g, (int) ((long) rows * p / parts), (int) ((long) rows * (p + 1) / parts),
            (i, fo, o) -> acc[fo] += in[i] * dOut[o]);
        partial[p] = acc;
      }
    });
    for (double[] acc : partial) {
      for (int i = 0; i < acc.length; i++) {
        dFilter[i] += acc[i];
      }
    }
  }

  /** One multiply-add of the convolution: input, filter and output offsets. */
  @FunctionalInterface
  private interface Tap {
    void apply(int in, int filter, int out);
  }

  /** Calls {@code tap} for each in-bounds (input, filter, output) triple of rows [from, to). */
  private static void visit(Geometry g, int fromRow, int toRow, Tap tap) {
    int inC = g.inC();
    int outC = g.outC();
    int mult = outC / Math.max(1, inC);
    for (int r = fromRow; r < toRow; r++) {
      int n = r / g.outH();
      int oh = r % g.outH();
      for (int ow = 0; ow < g.outW(); ow++) {
        int o = (r * g.outW() + ow) * outC;
        for (int kh = 0; kh < g.kH(); kh++) {
          int ih = oh * g.strideH() - g.padTop() + kh * g.dilationH();
          if (ih < 0 || ih >= g.inH()) {
            continue;
          }
          for (int kw = 0; kw < g.kW(); kw++) {
            int iw = ow * g.strideW() - g.padLeft() + kw * g.dilationW();
            if (iw < 0 || iw >= g.inW()) {
              continue;
            }
            int i = ((n * g.inH() + ih) * g.inW() + iw) * inC;
            int fo = (kh * g.kW() + kw) * outC;
            for (int c = 0; c < inC; c++) {
              for (int m = 0; m < mult; m++) {
                int k = c * mult + m;
                tap.apply(i + c, fo + k, o + k);
              }
            }
          }
        }
      }
    }
  }
}
