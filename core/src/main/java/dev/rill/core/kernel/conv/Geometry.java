package dev.rill.core.kernel.conv;

/**
 * The numbers a 2-D sliding-window kernel needs, already validated: an NHWC input
 * {@code [batch, inH, inW, inC]}, a {@code kH x kW} window moved by the strides, spread by the
 * dilations, and placed so that output row 0 starts at input row {@code -padTop}. {@code outC} is
 * the output depth (filters for Conv2D, {@code inC * multiplier} for depthwise, {@code inC} for
 * pooling).
 *
 * {@snippet :
 * // 28x28x1 image, 5x5 window, stride 1, SAME padding: 2 rows and columns of zeros on each side
 * Geometry g = new Geometry(100, 28, 28, 1, 5, 5, 32, 1, 1, 1, 1, 28, 28, 2, 2);
 * g.rows();    // 78400 output pixels
 * g.patch();   // 25 values per window
 * }
 */
public record Geometry(int batch, int inH, int inW, int inC, int kH, int kW, int outC,
    int strideH, int strideW, int dilationH, int dilationW, int outH, int outW, int padTop,
    int padLeft) {

  /** Output pixels over the batch: the rows of the im2col matrix. */
  public int rows() {
    return batch * outH * outW;
  }

  /** Values in one window: the columns of the im2col matrix, {@code kH * kW * inC}. */
  public int patch() {
    return kH * kW * inC;
  }

  public int inSize() {
    return batch * inH * inW * inC;
  }

  public int outSize() {
    return batch * outH * outW * outC;
  }

  /** True when every window is a single input pixel in order, so the input is its own im2col. */
  boolean isPointwise() {
    return kH == 1 && kW == 1 && strideH == 1 && strideW == 1 && padTop == 0 && padLeft == 0
        && outH == inH && outW == inW;
  }
}
