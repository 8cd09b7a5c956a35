package dev.rill.core.kernel.conv;

import dev.rill.core.kernel.Parallel;
import dev.rill.core.kernel.Scratch;

/**
 * An NHWC input with its padding made explicit, {@code [batch, h, w, inC]} with zeros around, so
 * that every window of a convolution lies inside it and a kernel reads windows with no bounds
 * tests: the window of output pixel {@code row} starts at {@link #windowStart} and its taps sit at
 * the fixed offsets of {@link #taps}, in the filter's (kh, kw, c) order.
 */
record PaddedInput(float[] data, int h, int w) {
  /** Images copied per parallel task. */
  private static final int GRAIN_FLOATS = 1 << 15;

  /** A new padded copy of {@code in}. */
  static PaddedInput of(float[] in, Geometry g) {
    PaddedInput p = shaped(g, null);
    p.fill(in, g);
    return p;
  }

  /**
   * A padded copy of {@code in} in this thread's {@link Scratch.Slot#PADDED} array, every element
   * written (borders too), so the array may hold anything before: valid until this thread asks for
   * that slot again.
   */
  static PaddedInput scratch(float[] in, Geometry g) {
    PaddedInput p = shaped(g, Scratch.Slot.PADDED);
    p.fill(in, g);
    return p;
  }

  private static PaddedInput shaped(Geometry g, Scratch.Slot slot) {
    int h = (g.outH() - 1) * g.strideH() + (g.kH() - 1) * g.dilationH() + 1;
    int w = (g.outW() - 1) * g.strideW() + (g.kW() - 1) * g.dilationW() + 1;
    int size = g.batch() * h * w * g.inC();
    return new PaddedInput(slot == null ? new float[size] : Scratch.floats(slot, size), h, w);
  }

  /** Writes every padded row: the input's row where one lands, zeros elsewhere. */
  private void fill(float[] in, Geometry g) {
    int c = g.inC();
    int rowLen = w * c;
    // columns of an input row that land inside a padded row
    int from = Math.max(0, -g.padLeft());
    int to = Math.min(g.inW(), w - g.padLeft());
    int imageFloats = Math.max(1, h * rowLen);
    Parallel.range(g.batch(), Math.max(1, GRAIN_FLOATS / imageFloats), (n0, n1) -> {
      for (int n = n0; n < n1; n++) {
        for (int ph = 0; ph < h; ph++) {
          int dst = (n * h + ph) * rowLen;
          int ih = ph - g.padTop();
          if (ih < 0 || ih >= g.inH() || to <= from) {
            java.util.Arrays.fill(data, dst, dst + rowLen, 0f);
            continue;
          }
          int lead = (from + g.padLeft()) * c;
          int len = (to - from) * c;
          java.util.Arrays.fill(data, dst, dst + lead, 0f);
          System.arraycopy(in, ((n * g.inH() + ih) * g.inW() + from) * c, data, dst + lead, len);
          java.util.Arrays.fill(data, dst + lead + len, dst + rowLen, 0f);
        }
      }
    });
  }

  /** Where output pixel {@code row}'s window starts. */
  int windowStart(Geometry g, int row) {
    int ow = row % g.outW();
    int oh = (row / g.outW()) % g.outH();
    int n = row / (g.outW() * g.outH());
    return ((n * h + oh * g.strideH()) * w + ow * g.strideW()) * g.inC();
  }

  /** Offsets of the taps from a window's start, in the filter's (kh, kw, c) order. */
  int[] taps(Geometry g) {
    int c = g.inC();
    int[] t = new int[g.patch()];
    for (int kh = 0, i = 0; kh < g.kH(); kh++) {
      for (int kw = 0; kw < g.kW(); kw++) {
        for (int ci = 0; ci < c; ci++, i++) {
          t[i] = (kh * g.dilationH() * w + kw * g.dilationW()) * c + ci;
        }
      }
    }
    return t;
  }
}
