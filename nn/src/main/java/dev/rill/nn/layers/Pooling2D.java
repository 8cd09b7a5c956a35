package dev.rill.nn.layers;

import dev.rill.core.Tensor;

/**
 * The shared part of {@link MaxPooling2D} and {@link AveragePooling2D}: a window of
 * {@code poolSize} moved by {@code strides} over NHWC inputs, padding "valid" by default. No
 * weights.
 *
 * {@snippet :
 * Tensor p = new MaxPooling2D(2, 2).apply(conv);   // halves height and width
 * }
 */
public abstract sealed class Pooling2D extends Layer permits MaxPooling2D, AveragePooling2D {
  private final int[] poolSize;
  private final int[] strides;
  private final String padding;

  Pooling2D(String baseName, int[] poolSize, int[] strides, String padding, String name) {
    super(baseName, name);
    this.poolSize = Padding.positive("pool_size", Conv2D.pair("pool_size", poolSize));
    this.strides = Padding.positive("strides",
        Conv2D.pair("strides", strides == null ? poolSize : strides));
    this.padding = Padding.normalize(padding);
  }

  /** The op on NHWC input with the given window, strides and upper-case padding. */
  abstract Tensor pool(Tensor x, int[] ksize, int[] strides, String padding);

  @Override
  protected Tensor call(Tensor inputs, boolean training) {
    requireRank(inputs, 4, "(NHWC)");
    return pool(inputs, poolSize, strides, padding);
  }
}
