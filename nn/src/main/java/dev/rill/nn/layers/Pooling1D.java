package dev.rill.nn.layers;

import dev.rill.core.Tensor;

/**
 * The shared part of {@link MaxPooling1D} and {@link AveragePooling1D}: a window moved along the
 * width of {@code [batch, width, channels]} inputs, padding "valid" by default. No weights.
 *
 * {@snippet :
 * Tensor p = new MaxPooling1D(2, 2).apply(sequence);   // halves the width
 * }
 */
public abstract sealed class Pooling1D extends Layer permits MaxPooling1D, AveragePooling1D {
  private final int poolSize;
  private final int stride;
  private final String padding;

  Pooling1D(String baseName, int poolSize, int stride, String padding, String name) {
    super(baseName, name);
    this.poolSize = Padding.positive("pool_size", poolSize)[0];
    this.stride = Padding.positive("strides", stride)[0];
    this.padding = Padding.normalize(padding);
  }

  abstract Tensor pool(Tensor x, int ksize, int stride, String padding);

  @Override
  protected Tensor call(Tensor inputs, boolean training) {
    requireRank(inputs, 3, "[batch, width, channels]");
    return pool(inputs, poolSize, stride, padding);
  }
}
