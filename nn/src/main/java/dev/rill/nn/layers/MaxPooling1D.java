package dev.rill.nn.layers;

import dev.rill.core.Tensor;
import dev.rill.core.ops.NnOps;

/**
 * The maximum of each window along the width of {@code [batch, width, channels]} inputs
 * ({@code tf.layers.max_pooling1d}, default name {@code max_pooling1d}); padding "valid" by
 * default.
 *
 * {@snippet :
 * Tensor p = new MaxPooling1D(3, 2).apply(x);   // windows of 3, stride 2
 * }
 */
public final class MaxPooling1D extends Pooling1D {
  public static final String NAME = "max_pooling1d";

  public MaxPooling1D(int poolSize, int strides) {
    this(poolSize, strides, Padding.VALID, null);
  }

  public MaxPooling1D(int poolSize, int strides, String padding, String name) {
    super(NAME, poolSize, strides, padding, name);
  }

  @Override
  Tensor pool(Tensor x, int ksize, int stride, String padding) {
    return NnOps.maxPool1d(x, ksize, stride, padding);
  }
}
